namespace TrainingProgram.Identity.SignIn.Throttling;

/// <summary>
/// Consecutive failed sign-ins of one subject (a user name as typed, or a client id) from one source (an IP address).
/// <see cref="AnySource"/> and <see cref="AnySubject"/> rows count all sources of a subject, and all subjects of a
/// source. In the database, so that every replica sees every failure.
/// </summary>
public sealed class SignInFailures
{
    public const string AnySource = "*";
    public const string AnySubject = "*";

    /// <summary>All clients' secrets from a source: counted apart from people's passwords, so that a stranger's wrong
    /// passwords do not hold a machine client back from that source, nor wrong secrets the people.</summary>
    public const string AnyClient = "client:*";

    /// <summary>The row that counts every subject of <paramref name="subject"/>'s kind from one source.</summary>
    public static string AnySubjectLike(string subject) => subject.StartsWith("client:", StringComparison.Ordinal) ? AnyClient : AnySubject;
    public const int SubjectMaxLength = 300;
    public const int SourceMaxLength = 64;

    public required string Subject { get; init; }

    public required string Source { get; init; }

    public int Failures { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>When this source last signed in to this subject: a source the account knows.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }
}
