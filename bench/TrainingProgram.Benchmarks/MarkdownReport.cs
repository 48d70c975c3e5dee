using System.Globalization;
using System.Text;

namespace TrainingProgram.Benchmarks;

/// <summary>docs/benchmarks.md: the machine, the commit, the date, the tables and a chart of end-to-end latency.</summary>
public static class MarkdownReport
{
    public static string Render(BenchmarkResults r)
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine("# Benchmarks").AppendLine();
        md.AppendLine("Measured by `scripts/benchmark.sh` (the `bench/TrainingProgram.Benchmarks` project) in one run: the whole");
        md.AppendLine("topology in local mode, the benchmark itself running beside it on the same machine. Regenerate with the");
        md.AppendLine("same command; the raw figures are in `docs/benchmarks.json`.").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        md.AppendLine(c, $"| date | {r.Machine.Date:yyyy-MM-dd HH:mm} UTC |");
        md.AppendLine(c, $"| commit | {r.Machine.Commit} |");
        md.AppendLine(c, $"| machine | {r.Machine.Cores} cores ({r.Machine.Cpu}), {r.Machine.Memory}, {r.Machine.Os} |");
        md.AppendLine(c, $"| PostgreSQL durability | {r.Machine.PostgresDurability} |");
        md.AppendLine(c, $"| RabbitMQ durability | {r.Machine.BrokerDurability} |");
        md.AppendLine(c, $"| phase length | {r.PhaseDuration.TotalSeconds:0} s per closed-loop phase |");
        md.AppendLine(c, $"| emails accounted for | {r.EmailsAccountedFor} (every enrollment's email found exactly once) |").AppendLine();

        md.AppendLine("## Sustained throughput (closed loop) against the machine's limit").AppendLine();
        md.AppendLine("Pipeline: POST /enrollments through the API (validation, seat rule, enrollment + outbox row in one");
        md.AppendLine("transaction), relayed to RabbitMQ with confirms, consumed, emailed over SMTP. Raw: Npgsql transactions that");
        md.AppendLine("insert one enrollment-like and one outbox-like row, same server, same concurrency.").AppendLine();
        md.AppendLine("| concurrency | pipeline enrollments/s | API p50 / p95 / p99 (ms) | end-to-end p50 / p95 / p99 (ms) | raw tx/s | raw p50 (ms) | pipeline / raw |");
        md.AppendLine("|---:|---:|---|---|---:|---:|---:|");
        foreach (var row in r.Throughput)
        {
            md.AppendLine(c, $"| {row.Concurrency} | {row.PipelinePerSecond:0} | {Triple(row.Api)} | {Triple(row.EndToEnd)} | {row.RawPerSecond:0} | {row.RawLatency.P50:0.0} | {row.Ratio:P0} |");
        }

        md.AppendLine().AppendLine("## What a synchronous design would add to every request").AppendLine();
        md.AppendLine("| | p50 (ms) | p99 (ms) |").AppendLine("|---|---:|---:|");
        md.AppendLine(c, $"| POST /enrollments (this design, concurrency 1) | {r.SynchronousCost.ApiLatency.P50:0.0} | {r.SynchronousCost.ApiLatency.P99:0.0} |");
        md.AppendLine(c, $"| sending one email on a pooled SMTP connection | {r.SynchronousCost.EmailOnPooledConnection.P50:0.0} | {r.SynchronousCost.EmailOnPooledConnection.P99:0.0} |");
        md.AppendLine(c, $"| sending one email on a fresh connection (connect, send, quit) | {r.SynchronousCost.EmailOnFreshConnection.P50:0.0} | {r.SynchronousCost.EmailOnFreshConnection.P99:0.0} |");
        md.AppendLine().AppendLine(c, $"A synchronous design would add {r.SynchronousCost.EmailOnPooledConnection.P50:0.0}-{r.SynchronousCost.EmailOnFreshConnection.P50:0.0} ms (p50) to a request that takes {r.SynchronousCost.ApiLatency.P50:0.0} ms here, against a local dev SMTP server; a real relay across a network adds more, and its outages would fail enrollments.");

        var b = r.Backlog;
        md.AppendLine().AppendLine("## Backlog drain").AppendLine();
        md.AppendLine(c, $"With notification-service stopped, {b.Emails:N0} enrollments were made ({b.EnqueueSeconds:0.0} s); then it was started.").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---:|");
        md.AppendLine(c, $"| first to last email | {b.SecondsFirstToLastEmail:0.0} s = **{b.DrainPerSecond:0} emails/s** |");
        md.AppendLine(c, $"| from the start command to the last email (includes process start-up) | {b.SecondsFromStartCommand:0.0} s = {b.DrainIncludingStartPerSecond:0} emails/s |");
        md.AppendLine(c, $"| SMTP server's own acceptance rate (raw MailKit, {b.RawSmtpConnections} reused connections) | {b.RawSmtpPerSecond:0} emails/s |");
        md.AppendLine(c, $"| drain / raw SMTP | **{b.RatioToRawSmtp:P0}** |");

        md.AppendLine().AppendLine("## Open loop at half the measured maximum").AppendLine();
        md.AppendLine("Requests arrive at a fixed rate whatever the latency, as real users do.").AppendLine();
        md.AppendLine("| rate basis | target /s | answered 201 /s | failed | API p50 / p99 (ms) | end-to-end p50 / p99 (ms) |").AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var o in r.OpenLoop)
        {
            md.AppendLine(c, $"| {o.Basis} | {o.TargetPerSecond:0} | {o.AchievedPerSecond:0} | {o.Failed} | {o.Api.P50:0.0} / {o.Api.P99:0.0} | {o.EndToEnd.P50:0.0} / {o.EndToEnd.P99:0.0} |");
        }

        md.AppendLine().AppendLine("A failed request is looked up after the phase: if it made an enrollment, that enrollment's email is");
        md.AppendLine("accounted for like any other. Its latency is left out of the API figures.");

        RenderCpu(md, r);

        md.AppendLine().AppendLine("## End-to-end latency (enrollment committed to email accepted by the SMTP server)").AppendLine();
        md.AppendLine("```mermaid").AppendLine("xychart-beta");
        md.AppendLine("    title \"End-to-end latency by load (ms)\"");
        var labels = r.Throughput.Select(t => $"\"closed {t.Concurrency}\"").Concat(r.OpenLoop.Select(o => $"\"open {o.TargetPerSecond:0}/s\""));
        md.AppendLine(c, $"    x-axis [{string.Join(", ", labels)}]");
        md.AppendLine("    y-axis \"ms\"");
        var series = new[] { ("p50", (Func<LatencySummary, double>)(l => l.P50)), ("p99", l => l.P99) };
        foreach (var (_, pick) in series)
        {
            var values = r.Throughput.Select(t => pick(t.EndToEnd)).Concat(r.OpenLoop.Select(o => pick(o.EndToEnd))).Select(v => v.ToString("0", c));
            md.AppendLine(c, $"    line [{string.Join(", ", values)}]");
        }

        md.AppendLine("```").AppendLine().AppendLine("Lines: p50 (lower) and p99 (upper).");
        return md.ToString();
    }

    private static void RenderCpu(StringBuilder md, BenchmarkResults r)
    {
        var phases = r.Throughput.SelectMany(t => new[] { ($"closed loop, concurrency {t.Concurrency}: pipeline", t.PipelineCpu), ($"closed loop, concurrency {t.Concurrency}: raw Npgsql", t.RawCpu) })
            .Append(("backlog drain", r.Backlog.DrainCpu))
            .Append(("raw SMTP sends", r.Backlog.RawSmtpCpu))
            .Concat(r.OpenLoop.Select(o => ($"open loop at {o.TargetPerSecond:0}/s", o.Cpu)))
            .ToList();
        var parts = phases.SelectMany(p => p.Item2.ByPart).GroupBy(p => p.Key).OrderByDescending(g => g.Sum(p => p.Value)).Select(g => g.Key).ToList();
        md.AppendLine().AppendLine("## Where the CPU went").AppendLine();
        md.AppendLine("Percent of the whole machine (every core for the phase's duration) used by each part of the topology during");
        md.AppendLine("the load of each phase, from /proc. The benchmark's own process also hosts the AppHost.").AppendLine();
        md.AppendLine("| phase | " + string.Join(" | ", parts) + " | total |");
        md.AppendLine("|---|" + string.Concat(parts.Select(_ => "---:|")) + "---:|");
        foreach (var (phase, cpu) in phases)
        {
            var cells = parts.Select(p => cpu.ByPart.TryGetValue(p, out var v) ? v.ToString("0", CultureInfo.InvariantCulture) : "0");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {phase} | {string.Join(" | ", cells)} | {cpu.Total:0} |");
        }
    }

    private static string Triple(LatencySummary l) => string.Create(CultureInfo.InvariantCulture, $"{l.P50:0.0} / {l.P95:0.0} / {l.P99:0.0}");
}
