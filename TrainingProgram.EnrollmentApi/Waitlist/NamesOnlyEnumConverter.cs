using System.Text.Json.Serialization;

namespace TrainingProgram.EnrollmentApi.Waitlist;

/// <summary>Reads an enum from its name only: a number (which the default converter would take) is refused as malformed.</summary>
public sealed class NamesOnlyEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
