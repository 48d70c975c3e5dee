namespace TrainingProgram.Testing;

/// <summary>The running test's cancellation (xunit v3's <see cref="Xunit.TestContext"/>), or none outside a test.</summary>
internal static class TestCancellation
{
    public static CancellationToken Current => Xunit.TestContext.Current?.CancellationToken ?? CancellationToken.None;
}
