using System.Text.Json;

namespace TrainingProgram.EnrollmentApi.Problems;

public static class ValidationErrorKeys
{
    /// <summary>
    /// Validation reports C# member names ("PageSize"); clients know the JSON and query names ("pageSize").
    /// Keys that are not member names, such as the "Idempotency-Key" header, stay as they are.
    /// </summary>
    public static void UseJsonNames(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var jsonName = ToJsonName(key);
            if (jsonName != key)
            {
                errors[jsonName] = errors.TryGetValue(jsonName, out var existing) ? [.. existing, .. errors[key]] : errors[key];
                errors.Remove(key);
            }
        }
    }

    public static string ToJsonName(string key) =>
        key.Contains('-', StringComparison.Ordinal)
            ? key
            : string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
