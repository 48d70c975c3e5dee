using System.Text.Json.Serialization;

namespace TrainingProgram.Benchmarks.WolverinePeer.Enrollments;

[JsonConverter(typeof(JsonStringEnumConverter<EnrollmentStatus>))]
public enum EnrollmentStatus
{
    Active,
    Cancelled,
}
