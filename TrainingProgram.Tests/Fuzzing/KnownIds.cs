using System.Collections.Concurrent;
using CsCheck;

namespace TrainingProgram.Tests.Fuzzing;

/// <summary>
/// Ids that exist, by the name of the field that takes them ("studentId", "courseId"; "id" takes any), growing as
/// generated requests create students, courses and enrollments, so that later requests can use them.
/// </summary>
public sealed class KnownIds
{
    private readonly ConcurrentDictionary<string, List<string>> _byField = new();
    private readonly List<string> _all = [];
    private readonly Lock _gate = new();

    public void Add(string field, Guid id)
    {
        lock (_gate)
        {
            _byField.GetOrAdd(field, _ => []).Add(id.ToString());
            _all.Add(id.ToString());
        }
    }

    public Gen<string> Any => Pick(_all);

    public Gen<string> For(string field) => _byField.TryGetValue(field, out var ids) ? Pick(ids) : Any;

    private Gen<string> Pick(List<string> ids) => Gen.Int[0, int.MaxValue].Select(index =>
    {
        lock (_gate)
        {
            return ids.Count == 0 ? System.Guid.Empty.ToString() : ids[index % ids.Count];
        }
    });
}
