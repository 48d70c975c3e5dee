using TrainingProgram.Identity.Accounts;
using TrainingProgram.Identity.Data;
using TrainingProgram.Identity.OpenIdConnect;
using TrainingProgram.Identity.Problems;
using TrainingProgram.Identity.SignIn;
using TrainingProgram.Identity.SignIn.Throttling;
using TrainingProgram.ServiceDefaults.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityDatabase();
builder.AddAccounts();
builder.AddSignInThrottling();
builder.AddOpenIdConnectServer();
builder.AddBrowserClientCors();
builder.Services.AddIdentityProblemDetails();
builder.Services.AddValidation();
builder.Services.AddAntiforgery();

var app = builder.Build();

app.UseForwardedHeaders();
app.UseRequestBodyLimit();
app.UseIdentityProblemDetails();
app.UseUtf8JsonBodies();
app.UseBrowserClientCors();
app.UseClientSecretThrottling();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapOpenIdConnectEndpoints();
app.MapLoginPage();
app.MapAccounts();

app.LoadServerKeys();
app.WarnWhenDevelopmentKeysAreReachable();
await app.MigrateIdentityDatabaseAsync();
await app.RunAsync();
