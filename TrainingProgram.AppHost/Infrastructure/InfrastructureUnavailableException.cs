namespace TrainingProgram.AppHost.Infrastructure;

/// <summary>The chosen infrastructure mode cannot work on this machine; the message says what to install or set.</summary>
public sealed class InfrastructureUnavailableException(string message) : Exception(message);
