using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.EnrollmentApi;

/// <summary>
/// The Students, Courses and Enrollments test classes share one started topology: starting it costs ~30-40 s of
/// two shared cores, and every test makes its own students and courses, so they cannot disturb each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EnrollmentApiTopology : ICollectionFixture<TrainingProgramApp>
{
    public const string Name = "Enrollment API";
}
