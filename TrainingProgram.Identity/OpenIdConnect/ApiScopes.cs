using OpenIddict.Abstractions;

namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// The scopes that grant access to an API, and the audience (OpenIddict "resource") each one puts in the
/// access token's <c>aud</c>: a resource server accepts a token only when its own name is there.
/// </summary>
public static class ApiScopes
{
    public const string Enrollments = "enrollments";
    public const string Notifications = "notifications";

    public const string EnrollmentApiAudience = "enrollment-api";
    public const string NotificationServiceAudience = "notification-service";

    public static readonly IReadOnlyDictionary<string, string> Audiences = new Dictionary<string, string>
    {
        [Enrollments] = EnrollmentApiAudience,
        [Notifications] = NotificationServiceAudience,
    };

    /// <summary>The scope registrations OpenIddict reads the audiences from when it issues a token.</summary>
    public static IEnumerable<OpenIddictScopeDescriptor> Registrations() =>
        Audiences.Select(scope => new OpenIddictScopeDescriptor
        {
            Name = scope.Key,
            DisplayName = $"Call the {scope.Value}",
            Resources = { scope.Value },
        });
}
