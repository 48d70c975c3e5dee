using TrainingProgram.NotificationService.Data;
using TrainingProgram.NotificationService.DeadLetters;
using TrainingProgram.NotificationService.Email;
using TrainingProgram.NotificationService.Messaging;
using TrainingProgram.NotificationService.Notifications;
using TrainingProgram.NotificationService.Problems;
using TrainingProgram.ServiceDefaults.Http;
using TrainingProgram.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotificationAuthorization();
builder.AddNotificationOptions();
builder.AddNotificationDatabase();
builder.AddEmailSender();
builder.AddEnrollmentEventConsumer();
builder.AddStudentReadBudget();
builder.Services.AddNotificationProblemDetails();

var app = builder.Build();

app.UseRequestBodyLimit();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseTokenAuthentication();
app.UseStudentReadBudget();
app.MapDefaultEndpoints();
app.MapNotifications();
app.MapDeadLetters();

await app.MigrateNotificationDatabaseAsync();
await app.RunAsync();
