using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Notifications;

/// <summary>A topology of its own for tests that stop and start resources, so they cannot disturb other tests.</summary>
public sealed class NotificationFaultsApp : TrainingProgramApp;
