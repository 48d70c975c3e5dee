using TrainingProgram.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEnrollmentAuthorization();
builder.AddWriteRateLimits();
builder.AddEnrollmentDatabase();
builder.Services.AddApiProblemDetails();
builder.Services.AddValidation();
builder.Services.AddEnrollmentApiDocument();
builder.Services.AddEnrollmentCommands();
builder.Services.AddWaitlists();
builder.AddEnrollmentEventOutbox();

var app = builder.Build();

app.UseRequestBodyLimit();
app.UseApiProblemDetails();
app.UseUtf8JsonBodies();
app.UseTokenAuthentication();
app.UseWriteRateLimits();
app.MapDefaultEndpoints();
app.MapStudents();
app.MapCourses();
app.MapEnrollments();
app.MapWaitlist();
app.MapApiReferenceInDevelopment();

await app.MigrateEnrollmentDatabaseAsync();
await app.RunAsync();
