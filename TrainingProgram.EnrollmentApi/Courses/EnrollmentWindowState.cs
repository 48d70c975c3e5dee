namespace TrainingProgram.EnrollmentApi.Courses;

public enum EnrollmentWindowState
{
    Open,
    NotYetOpen,
    Closed,
}
