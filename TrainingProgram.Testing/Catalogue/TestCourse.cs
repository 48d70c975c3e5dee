namespace TrainingProgram.Testing.Catalogue;

/// <summary>A course in the Enrollment API's catalogue, as created.</summary>
/// <param name="Id">The course's id, for the API's requests.</param>
/// <param name="Code">The course code (unique).</param>
/// <param name="Title">The title, which the confirmation email names.</param>
/// <param name="Capacity">Its seats.</param>
/// <param name="WaitlistCapacity">Places in its line when full (0: none).</param>
public sealed record TestCourse(Guid Id, string Code, string Title, int Capacity, int WaitlistCapacity);
