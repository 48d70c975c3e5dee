using System.ComponentModel.DataAnnotations;

namespace TrainingProgram.Identity.Accounts;

/// <summary>A person changes their own password; the current one proves it is them.</summary>
public sealed record ChangePasswordRequest([Required] string CurrentPassword, [Required] string NewPassword);

/// <summary>A registrar gives a student a new password (the student forgot theirs).</summary>
public sealed record ResetPasswordRequest([Required] string Password);
