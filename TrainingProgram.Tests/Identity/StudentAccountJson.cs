namespace TrainingProgram.Tests.Identity;

/// <summary>The identity service's answer to POST /accounts/students; <see cref="Id"/> is the sub of the student's tokens.</summary>
public sealed record StudentAccountJson(string Id, string StudentNumber, string Name, string Email);
