using TrainingProgram.Benchmarks.WolverinePeer.Courses;
using TrainingProgram.Benchmarks.WolverinePeer.Data;
using TrainingProgram.Benchmarks.WolverinePeer.Enrollments;
using TrainingProgram.Benchmarks.WolverinePeer.Messaging;
using TrainingProgram.Benchmarks.WolverinePeer.Notifications;
using TrainingProgram.Benchmarks.WolverinePeer.Students;
using TrainingProgram.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddTokenAuthentication(defaultAudience: "enrollment-api");
// Before AddPeerMessaging: Wolverine's EF Core integration takes in the DbContexts registered by then.
builder.AddPeerDatabase();
builder.AddConfirmationEmails();
builder.AddPeerMessaging();
builder.Services.AddProblemDetails();
builder.Services.AddValidation();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseTokenAuthentication();
app.MapDefaultEndpoints();
app.MapStudents();
app.MapCourses();
app.MapEnrollments();

await app.CreatePeerTablesAsync();
await app.RunAsync();
