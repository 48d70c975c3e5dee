using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrainingProgram.Messaging.Consuming;

namespace TrainingProgram.UnitTests.Messaging;

public sealed class OutageGateTests
{
    private static readonly DependencyUnavailableException SmtpDown = new("SMTP server", new IOException("connection refused"));

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly OutageGate _gate;

    public OutageGateTests()
    {
        _gate = new OutageGate(_clock, Options.Create(new ConsumerOptions { OutageProbeMaxInterval = TimeSpan.FromSeconds(8) }), NullLogger<OutageGate>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_gate_lets_every_delivery_through()
    {
        await _gate.EnterAsync(Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Null(_gate.WaitingFor);
    }

    [Fact]
    public async Task After_an_outage_deliveries_wait_and_one_probe_goes_through_a_second_later()
    {
        _gate.Failed(SmtpDown);

        var first = _gate.EnterAsync(Ct);
        var second = _gate.EnterAsync(Ct);
        Assert.False(first.IsCompleted || second.IsCompleted);
        Assert.Equal("SMTP server", _gate.WaitingFor);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var probe = await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.False(first.IsCompleted && second.IsCompleted, "only one delivery probes at a time");

        _gate.Succeeded();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Null(_gate.WaitingFor);
        Assert.True(probe.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Failed_probes_back_off_doubling_up_to_the_configured_maximum()
    {
        _gate.Failed(SmtpDown);
        foreach (var interval in new[] { 1, 2, 4, 8, 8 })
        {
            var waiting = _gate.EnterAsync(Ct);
            _clock.Advance(TimeSpan.FromSeconds(interval) - TimeSpan.FromMilliseconds(1));
            await Task.Yield();
            Assert.False(waiting.IsCompleted, $"no probe before {interval} s");
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
            _gate.Failed(SmtpDown);
        }

        Assert.Equal("SMTP server", _gate.WaitingFor);
    }

    [Fact]
    public async Task Waiting_at_a_closed_gate_ends_when_the_consumer_stops()
    {
        _gate.Failed(SmtpDown);
        using var stopping = new CancellationTokenSource();
        var waiting = _gate.EnterAsync(stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct));
    }
}
