var builder = DistributedApplication.CreateBuilder(args);
builder.ExportTelemetryOnlyToARunningDashboard();

var infrastructure = builder.ResolveInfrastructureMode();

var postgres = builder.AddPostgresServer("postgres", infrastructure);
var enrollmentDb = postgres.AddDatabase("enrollmentdb");
var notificationDb = postgres.AddDatabase("notificationdb");
var identityDb = postgres.AddDatabase("identitydb");

var messaging = builder.AddMessageBroker("messaging", infrastructure);
var enrollmentEventsPublisher = messaging.AddServiceUser("messaging-enrollment-api", "enrollment-api", BrokerPermissions.EnrollmentEventsPublisher);
var enrollmentEventsConsumer = messaging.AddServiceUser("messaging-notification-service", "notification-service", BrokerPermissions.EnrollmentEventsConsumer);

var mail = builder.AddSmtp4dev("mail");

var identity = builder.AddProject<Projects.TrainingProgram_Identity>("identity")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithIdentityProviderSettings()
    .WithHttpHealthCheck("/health")
    .WithConfiguredReplicas();

var enrollmentApi = builder.AddProject<Projects.TrainingProgram_EnrollmentApi>("enrollment-api")
    .WithIdentityProvider(identity)
    .WithReference(enrollmentDb).WaitFor(enrollmentDb)
    .WithReference(enrollmentEventsPublisher, "messaging").WaitFor(enrollmentEventsPublisher)
    .WithHttpHealthCheck("/health")
    .WithConfiguredReplicas();
identity.WithStudentRecordsFrom(enrollmentApi);

builder.AddProject<Projects.TrainingProgram_NotificationService>("notification-service")
    .WithIdentityProvider(identity)
    .WithReference(notificationDb).WaitFor(notificationDb)
    .WithReference(enrollmentEventsConsumer, "messaging").WaitFor(enrollmentEventsConsumer)
    .WithReference(mail) // no WaitFor: while the mail server is away the service holds deliveries, and starts anyway
    .WithHttpHealthCheck("/health")
    .WithDeadLetterCommands(identity)
    .WithConfiguredReplicas();

builder.Build().Run();
