namespace TrainingProgram.Testing.Catalogue;

/// <summary>A student record in the Enrollment API with its sign-in account at the identity provider.</summary>
/// <param name="Id">The record's id, for the API's requests (e.g. POST /enrollments).</param>
/// <param name="StudentNumber">The user name to sign in with.</param>
/// <param name="FullName">The record's name.</param>
/// <param name="Email">Where the Notification Service writes to; unique to this student.</param>
/// <param name="Password">The account's password.</param>
public sealed record TestStudent(Guid Id, string StudentNumber, string FullName, string Email, string Password);
