namespace TrainingProgram.Identity.SignIn.Throttling;

public static class RetryAfter
{
    /// <summary>Whole seconds, rounded up: a client that waits exactly this long is let through.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
