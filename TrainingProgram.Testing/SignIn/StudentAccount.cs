namespace TrainingProgram.Testing.SignIn;

/// <summary>What POST /accounts/students answers: the account, bound to the student number.</summary>
/// <param name="Id">The account's id (the token's <c>sub</c>).</param>
/// <param name="StudentNumber">The user name to sign in with.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The account's email address.</param>
public sealed record StudentAccount(string Id, string StudentNumber, string Name, string Email);
