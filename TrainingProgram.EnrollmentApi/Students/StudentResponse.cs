namespace TrainingProgram.EnrollmentApi.Students;

public sealed record StudentResponse(Guid Id, string StudentNumber, string FullName, string Email)
{
    public static StudentResponse From(Student student) =>
        new(student.Id, student.StudentNumber, student.FullName, student.Email);
}
