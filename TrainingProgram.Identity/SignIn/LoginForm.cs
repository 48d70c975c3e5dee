namespace TrainingProgram.Identity.SignIn;

/// <summary>What the login page posts; every field may be missing when someone posts by hand.</summary>
public sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);
