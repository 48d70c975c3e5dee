namespace TrainingProgram.Identity.Accounts;

/// <summary>A student's sign-in account; <see cref="Id"/> is the <c>sub</c> of the student's tokens.</summary>
public sealed record StudentAccountResponse(string Id, string StudentNumber, string Name, string Email)
{
    public static StudentAccountResponse From(Account account) =>
        new(account.Id, account.StudentNumber!, account.DisplayName, account.Email!);
}
