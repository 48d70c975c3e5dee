global using TrainingProgram.AppHost.Infrastructure;
