using System.Net;
using System.Net.Http.Headers;

namespace TrainingProgram.Identity.Accounts;

/// <summary>
/// The Enrollment API's student records, read with the caller's own (registrar's) bearer token, so that the provider
/// needs no rights of its own there. The address comes from service discovery (the AppHost's reference).
/// </summary>
public sealed class StudentRecords(HttpClient http)
{
    public const string BaseAddressKey = "Identity:StudentRecords:BaseAddress";
    public const string DefaultBaseAddress = "http://enrollment-api";

    public async Task<StudentRecordLookup> FindAsync(Guid id, string bearerToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/students/{id}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => new(StudentRecordStatus.Found, await response.Content.ReadFromJsonAsync<StudentRecord>(cancellationToken)),
                HttpStatusCode.NotFound => new(StudentRecordStatus.NotFound, null),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new(StudentRecordStatus.Refused, null),
                _ => new(StudentRecordStatus.Unavailable, null),
            };
        }
        // Connection failures, and the resilience handler's timeouts and open circuit (Polly's rejections).
        catch (Exception ex) when (ex is not System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return new(StudentRecordStatus.Unavailable, null);
        }
    }
}

/// <summary>What GET /students/{id} of the Enrollment API answers (the fields the account copies).</summary>
public sealed record StudentRecord(Guid Id, string StudentNumber, string FullName, string Email);

public enum StudentRecordStatus
{
    Found,
    NotFound,

    /// <summary>The Enrollment API refused the caller's token (it does not grant scope enrollments).</summary>
    Refused,
    Unavailable,
}

public sealed record StudentRecordLookup(StudentRecordStatus Status, StudentRecord? Record);
