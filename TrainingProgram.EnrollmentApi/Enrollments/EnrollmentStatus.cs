using System.Text.Json.Serialization;

namespace TrainingProgram.EnrollmentApi.Enrollments;

[JsonConverter(typeof(JsonStringEnumConverter<EnrollmentStatus>))]
public enum EnrollmentStatus
{
    Active,
    Cancelled,
}
