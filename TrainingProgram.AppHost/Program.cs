var builder = DistributedApplication.CreateBuilder(args);

var infrastructure = builder.ResolveInfrastructureMode();

var postgres = builder.AddPostgresServer("postgres", infrastructure);
var enrollmentDb = postgres.AddDatabase("enrollmentdb");
var notificationDb = postgres.AddDatabase("notificationdb");

var messaging = builder.AddMessageBroker("messaging", infrastructure);

var mail = builder.AddSmtp4dev("mail");

builder.AddProject<Projects.TrainingProgram_EnrollmentApi>("enrollment-api")
    .WithReference(enrollmentDb).WaitFor(enrollmentDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithHttpHealthCheck("/health")
    .WithConfiguredReplicas();

builder.AddProject<Projects.TrainingProgram_NotificationService>("notification-service")
    .WithReference(notificationDb).WaitFor(notificationDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(mail).WaitFor(mail)
    .WithHttpHealthCheck("/health")
    .WithConfiguredReplicas();

builder.Build().Run();
