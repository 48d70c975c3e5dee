var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEnrollmentDatabase();
builder.Services.AddApiProblemDetails();
builder.Services.AddValidation();
builder.Services.AddOpenApi();
builder.Services.AddEnrollmentCommands();
builder.AddEnrollmentEventOutbox();

var app = builder.Build();

app.UseApiProblemDetails();
app.MapDefaultEndpoints();
app.MapStudents();
app.MapCourses();
app.MapEnrollments();
app.MapApiReferenceInDevelopment();

await app.MigrateEnrollmentDatabaseAsync();
await app.RunAsync();
