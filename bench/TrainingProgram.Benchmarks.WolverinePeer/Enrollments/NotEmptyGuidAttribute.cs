using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

/// <summary>[Required] accepts Guid.Empty, which is what a missing JSON property binds to.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NotEmptyGuidAttribute() : ValidationAttribute("The {0} field is required.")
{
    public override bool IsValid(object? value) => value is Guid id && id != Guid.Empty;
}
