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
        md.AppendLine("| mail server | Postfix's smtp-sink (accepts and discards; its dump proves each email arrived once) in every phase but the last drain, which is smtp4dev (what developers run) |");
        md.AppendLine(c, $"| emails accounted for | {r.EmailsAccountedFor}: after each phase every enrollment's notification (the floor's and the peer's included) is Sent and the mail server received exactly that many more messages |").AppendLine();

        RenderTargets(md, r);

        md.AppendLine("## Sustained throughput (closed loop) against the floor").AppendLine();
        md.AppendLine("Pipeline: POST /enrollments through the API (token check, validation, seat rule, enrollment + outbox row in");
        md.AppendLine("one transaction), relayed to RabbitMQ with confirms, consumed, emailed over SMTP. Floor: the same durable work");
        md.AppendLine("done raw in the benchmark's process (enrollment insert, seat update and outbox insert in one transaction; a");
        md.AppendLine("persistent publish to a quorum queue, confirm awaited; consume with the service's prefetch 64 and concurrency 16;");
        md.AppendLine("notification claim, SMTP send on a pooled connection, `Sent` update, ack), against the same servers. Its caller");
        md.AppendLine("latency is the transaction plus the confirmed publish (the pipeline's relay publishes after the response). Raw:");
        md.AppendLine("the two-insert transaction of earlier reports. Wolverine peer: the same endpoint, tables, rules and email built");
        md.AppendLine("with Wolverine 6.62 (EF Core outbox, RabbitMQ transport, PostgreSQL persistence) in one process, authentication on,");
        md.AppendLine("in its own database on the same server. End to end: from the enrollment's own timestamp, taken before its");
        md.AppendLine("transaction, to the SMTP server's acceptance. Where a side produces faster than it emails (the floor and the");
        md.AppendLine("peer at concurrency 32), its end-to-end figures measure the backlog the phase built, not its pipeline.").AppendLine();
        md.AppendLine("| concurrency | run | enrollments/s | caller p50 / p95 / p99 (ms) | end-to-end p50 / p95 / p99 (ms) |");
        md.AppendLine("|---:|---|---:|---|---|");
        foreach (var row in r.Throughput)
        {
            foreach (var (run, phase) in new[] { ("**ours**", row.Pipeline), ("Wolverine peer", row.Peer), ("floor", row.Floor), ("raw two-insert transaction", row.Raw) })
            {
                md.AppendLine(c, $"| {row.Concurrency} | {run} | {phase.PerSecond:0} | {Triple(phase.Latency)} | {(phase.EndToEnd is { } e ? Triple(e) : "-")} |");
            }
        }

        md.AppendLine().AppendLine("Ratios from the same run (throughput: higher is better for ours; p99: lower is better for ours):").AppendLine();
        md.AppendLine("| concurrency | ours / floor: throughput | ours / floor: end-to-end p99 | ours / peer: throughput | ours / peer: API p99 | ours / peer: end-to-end p99 | ours / raw two-insert |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in r.Throughput)
        {
            var (p, f, w) = (row.Pipeline, row.Floor, row.Peer);
            md.AppendLine(c, $"| {row.Concurrency} | {row.RatioToFloor:P0} | {p.EndToEnd!.P99 / f.EndToEnd!.P99:0.00}x | {row.RatioToPeer:P0} | {p.Latency.P99 / w.Latency.P99:0.00}x | {p.EndToEnd.P99 / w.EndToEnd!.P99:0.00}x | {row.RatioToRaw:P0} |");
        }

        RenderCosts(md, r);

        md.AppendLine().AppendLine("## What a synchronous design would add to every request").AppendLine();
        md.AppendLine("| | p50 (ms) | p99 (ms) |").AppendLine("|---|---:|---:|");
        md.AppendLine(c, $"| POST /enrollments (this design, concurrency 1) | {r.SynchronousCost.ApiLatency.P50:0.0} | {r.SynchronousCost.ApiLatency.P99:0.0} |");
        md.AppendLine(c, $"| sending one email on a pooled SMTP connection | {r.SynchronousCost.EmailOnPooledConnection.P50:0.0} | {r.SynchronousCost.EmailOnPooledConnection.P99:0.0} |");
        md.AppendLine(c, $"| sending one email on a fresh connection (connect, send, quit) | {r.SynchronousCost.EmailOnFreshConnection.P50:0.0} | {r.SynchronousCost.EmailOnFreshConnection.P99:0.0} |");
        md.AppendLine().AppendLine(c, $"A synchronous design would add {r.SynchronousCost.EmailOnPooledConnection.P50:0.0}-{r.SynchronousCost.EmailOnFreshConnection.P50:0.0} ms (p50) to a request that takes {r.SynchronousCost.ApiLatency.P50:0.0} ms here, against the local dev SMTP server (smtp4dev); a real relay across a network adds more, and its outages would fail enrollments.");

        md.AppendLine().AppendLine("## Backlog drain").AppendLine();
        md.AppendLine("With notification-service stopped, the backlog's enrollments were made through the API; then it was started.");
        md.AppendLine("The floor drains the same number of messages from its own queue into the same server. Both rates leave out");
        md.AppendLine("the first 1,000 emails (a tenth of a smaller backlog), while a freshly started service warms up (the next column includes it).").AppendLine();
        md.AppendLine("| mail server | backlog | enqueued in (s) | after the first emails, to the last | from the start command (includes start-up) | floor's drain | server's own rate (raw MailKit) | drain / floor | drain / raw SMTP |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var b in r.Backlogs)
        {
            md.AppendLine(c, $"| {b.MailServer} | {b.Emails:N0} | {b.EnqueueSeconds:0.0} | {b.InWindow:N0} in {b.WindowSeconds:0.0} s = **{b.DrainPerSecond:0}/s** | {b.DrainIncludingStartPerSecond:0}/s | {(b.FloorPerSecond is { } floor ? $"{floor:0}/s" : "-")} | {b.RawSmtpPerSecond:0}/s ({b.RawSmtpConnections} connections) | {(b.RatioToFloor is { } ratio ? $"**{ratio:P0}**" : "-")} | {b.RatioToRawSmtp:P0} |");
        }

        md.AppendLine().AppendLine("Per email in each drain, from the service's start to its last email (notificationdb; round trips to all databases):").AppendLine();
        md.AppendLine("| mail server | statements | transactions | round trips | most frequent statements (per email) |").AppendLine("|---|---:|---:|---:|---|");
        foreach (var b in r.Backlogs)
        {
            var db = b.Sql.Databases[0];
            md.AppendLine(c, $"| {b.MailServer} | {db.Statements:0.00} | {db.Transactions:0.00} | {b.Sql.RoundTrips:0.00} | {string.Join("<br>", db.Frequent.Select(s => $"{s.PerEnrollment:0.00} x `{s.Query.Replace("|", "\\|", StringComparison.Ordinal)}`"))} |");
        }

        md.AppendLine().AppendLine("## Open loop at half the measured maximum").AppendLine();
        md.AppendLine("Requests arrive at a fixed rate whatever the latency, as real users do.").AppendLine();
        md.AppendLine("| rate basis | target /s | answered 201 /s | failed | API p50 / p99 (ms) | end-to-end p50 / p99 (ms) |").AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var o in r.OpenLoop)
        {
            md.AppendLine(c, $"| {o.Basis} | {o.TargetPerSecond:0} | {o.AchievedPerSecond:0} | {o.Failed} | {o.Api.P50:0.0} / {o.Api.P99:0.0} | {o.EndToEnd.P50:0.0} / {o.EndToEnd.P99:0.0} |");
        }

        md.AppendLine().AppendLine("A failed request is looked up after the phase: if it made an enrollment, that enrollment's email is");
        md.AppendLine("accounted for like any other. Its latency is left out of the API figures.");

        md.AppendLine().AppendLine("Where the end-to-end time went, from the timestamps the databases keep (each part's percentiles are its own, so");
        md.AppendLine("they do not add up; the relay takes its time after the batch's last confirm, so a delivery can be claimed before it):").AppendLine();
        md.AppendLine("| rate | part | p50 (ms) | p95 (ms) | p99 (ms) |").AppendLine("|---:|---|---:|---:|---:|");
        foreach (var o in r.OpenLoop)
        {
            foreach (var (part, latency) in new[]
                     {
                         ("request, commit and relay: enrollment to the broker's confirm", o.Split.ToPublished),
                         ("delivery, the consumer's queue and the claim: confirm to claim", o.Split.ToClaimed),
                         ("the email composed and sent: claim to the SMTP server's acceptance", o.Split.ToSent),
                     })
            {
                md.AppendLine(c, $"| {o.TargetPerSecond:0}/s | {part} | {latency.P50:0.0} | {latency.P95:0.0} | {latency.P99:0.0} |");
            }
        }

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
            var values = r.Throughput.Select(t => pick(t.Pipeline.EndToEnd!)).Concat(r.OpenLoop.Select(o => pick(o.EndToEnd))).Select(v => v.ToString("0", c));
            md.AppendLine(c, $"    line [{string.Join(", ", values)}]");
        }

        md.AppendLine("```").AppendLine().AppendLine("Lines: p50 (lower) and p99 (upper).");
        return md.ToString();
    }

    private static void RenderCpu(StringBuilder md, BenchmarkResults r)
    {
        var phases = r.Throughput.SelectMany(t => new[]
            {
                ($"closed loop, concurrency {t.Concurrency}: ours", t.Pipeline.Cpu),
                ($"closed loop, concurrency {t.Concurrency}: Wolverine peer", t.Peer.Cpu),
                ($"closed loop, concurrency {t.Concurrency}: floor", t.Floor.Cpu),
                ($"closed loop, concurrency {t.Concurrency}: raw Npgsql", t.Raw.Cpu),
            })
            .Concat(r.Backlogs.SelectMany(b => new[] { ($"backlog drain into {b.MailServer}", b.DrainCpu), ($"raw SMTP sends to {b.MailServer}", b.RawSmtpCpu) }))
            .Concat(r.OpenLoop.Select(o => ($"open loop at {o.TargetPerSecond:0}/s", o.Cpu)))
            .ToList();
        var parts = phases.SelectMany(p => p.Item2.ByPart).GroupBy(p => p.Key).OrderByDescending(g => g.Sum(p => p.Value)).Select(g => g.Key).ToList();
        md.AppendLine().AppendLine("## Where the CPU went").AppendLine();
        md.AppendLine("Percent of the whole machine (every core for the phase's duration) used by each part of the topology during");
        md.AppendLine("the load of each phase, from /proc. The benchmark's own process also hosts the AppHost and runs the floor.").AppendLine();
        md.AppendLine("| phase | " + string.Join(" | ", parts) + " | total |");
        md.AppendLine("|---|" + string.Concat(parts.Select(_ => "---:|")) + "---:|");
        foreach (var (phase, cpu) in phases)
        {
            var cells = parts.Select(p => cpu.ByPart.TryGetValue(p, out var v) ? v.ToString("0", CultureInfo.InvariantCulture) : "0");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {phase} | {string.Join(" | ", cells)} | {cpu.Total:0} |");
        }
    }

    private static void RenderTargets(StringBuilder md, BenchmarkResults r)
    {
        var c = CultureInfo.InvariantCulture;
        var at8 = r.Throughput.FirstOrDefault(t => t.Concurrency == 8);
        var sink = r.Backlogs[0];
        var half = r.OpenLoop[^1];
        md.AppendLine("## Where each target stands").AppendLine();
        md.AppendLine("| target | measured | met |").AppendLine("|---|---|---|");
        if (at8 is not null)
        {
            md.AppendLine(c, $"| throughput at concurrency 8 >= 50 % of the floor | {at8.Pipeline.PerSecond:0}/s against {at8.Floor.PerSecond:0}/s = {at8.RatioToFloor:P0} | {Met(at8.RatioToFloor >= 0.5)} |");
            var (ours, peer) = (at8.Pipeline, at8.Peer);
            md.AppendLine(c, $"| ahead of the Wolverine peer (concurrency 8): throughput, API p99, end-to-end p99 | {ours.PerSecond:0}/s against {peer.PerSecond:0}/s = {at8.RatioToPeer:P0}; API p99 {ours.Latency.P99:0.0} against {peer.Latency.P99:0.0} ms; end-to-end p99 {ours.EndToEnd!.P99:0.0} against {peer.EndToEnd!.P99:0.0} ms | {Met(at8.RatioToPeer > 1)}, {Met(ours.Latency.P99 < peer.Latency.P99)}, {Met(ours.EndToEnd.P99 < peer.EndToEnd.P99)} |");
        }

        md.AppendLine(c, $"| backlog drain into the sink >= 1,000 emails/s or >= 70 % of the floor's | {sink.DrainPerSecond:0}/s against the floor's {sink.FloorPerSecond:0}/s = {sink.RatioToFloor:P0} | {Met(sink.DrainPerSecond >= 1000 || sink.RatioToFloor >= 0.7)} |");
        md.AppendLine(c, $"| end-to-end p99 < 100 ms at half the sustainable rate | {half.EndToEnd.P99:0.0} ms at {half.TargetPerSecond:0}/s | {Met(half.EndToEnd.P99 < 100)} |");
        md.AppendLine(c, $"| nothing lost or duplicated | {r.EmailsAccountedFor} emails: every notification Sent, the mail server's count equal | yes |").AppendLine();
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    /// <summary>Per enrollment, from each phase's start until its last email: CPU of each part, statements, transactions.</summary>
    private static void RenderCosts(StringBuilder md, BenchmarkResults r)
    {
        var c = CultureInfo.InvariantCulture;
        string[] ourServices = ["enrollment-api", "notification-service"];
        string[] peerService = ["wolverine-peer"];
        var costs = r.Throughput.SelectMany(t => new[]
        {
            ($"{t.Concurrency}, ours", Without(t.Pipeline.Cost!, peerService)),
            ($"{t.Concurrency}, Wolverine peer", Without(t.Peer.Cost!, ourServices)),
            ($"{t.Concurrency}, floor", Without(t.Floor.Cost!, [.. ourServices, .. peerService])),
        }).ToList();
        var parts = costs.SelectMany(p => p.Item2.CpuMilliseconds).GroupBy(p => p.Key).OrderByDescending(g => g.Sum(p => p.Value))
            .Select(g => g.Key).Where(p => costs.Any(cost => cost.Item2.CpuMilliseconds.GetValueOrDefault(p) >= 0.05)).ToList();
        md.AppendLine().AppendLine("## What one enrollment costs: ours, the peer and the floor").AppendLine();
        md.AppendLine("From the phase's start until its last email was accepted, divided by the enrollments it made: CPU milliseconds of");
        md.AppendLine("each process (from /proc; the floor runs inside the benchmark's process) and, from PostgreSQL's own statistics");
        md.AppendLine("(pg_stat_statements, pg_stat_database), the statements executed (BEGIN and COMMIT included; a batch counts each of");
        md.AppendLine("its statements) and the transactions committed in each database; and round trips, the TCP data segments the");
        md.AppendLine("clients sent to PostgreSQL (the kernel's count per connection; a floor, since connections closed meanwhile are");
        md.AppendLine("not counted). Background work (health probes, the relay's fallback poll, purges, the benchmark's own accounting");
        md.AppendLine("queries for round trips) is included: it is a small share at these rates. The other runs' idle processes");
        md.AppendLine("are left out of each row (the peer's background work during ours, and so on); they still share the cores.").AppendLine();
        md.AppendLine("| concurrency, run | " + string.Join(" | ", parts.Select(p => $"{p} CPU ms")) + " | CPU ms in all | statements / transactions, per database | statements / transactions in all | round trips |");
        md.AppendLine("|---|" + string.Concat(parts.Select(_ => "---:|")) + "---:|---|---:|---:|");
        foreach (var (run, cost) in costs)
        {
            var cells = parts.Select(p => cost.CpuMilliseconds.GetValueOrDefault(p).ToString("0.00", c));
            var dbs = cost.Sql.Databases.Select(d => string.Create(c, $"{d.Database}: {d.Statements:0.0} / {d.Transactions:0.0}"));
            md.AppendLine(c, $"| {run} | {string.Join(" | ", cells)} | {cost.CpuMilliseconds.Values.Sum():0.00} | {string.Join("; ", dbs)} | {cost.Sql.Databases.Sum(d => d.Statements):0.0} / {cost.Sql.Databases.Sum(d => d.Transactions):0.0} | {cost.Sql.RoundTrips:0.0} |");
        }

        var at8 = r.Throughput.FirstOrDefault(t => t.Concurrency == 8) ?? r.Throughput[^1];
        foreach (var (run, cost) in new[] { ("ours", at8.Pipeline.Cost!), ("Wolverine peer", at8.Peer.Cost!), ("floor", at8.Floor.Cost!) })
        {
            md.AppendLine().AppendLine(c, $"Statements run at least once every ten enrollments, {run}, concurrency {at8.Concurrency} (per enrollment):").AppendLine();
            md.AppendLine("| database | per enrollment | statement |").AppendLine("|---|---:|---|");
            foreach (var database in cost.Sql.Databases)
            {
                foreach (var statement in database.Frequent)
                {
                    md.AppendLine(c, $"| {database.Database} | {statement.PerEnrollment:0.00} | `{statement.Query.Replace("|", "\\|", StringComparison.Ordinal)}` |");
                }
            }
        }
    }

    /// <summary>The cost without the CPU of processes that belong to the other runs (idle, or finishing their own work).</summary>
    private static EnrollmentCost Without(EnrollmentCost cost, string[] parts) =>
        cost with { CpuMilliseconds = cost.CpuMilliseconds.Where(p => !parts.Contains(p.Key)).ToDictionary() };

    private static string Triple(LatencySummary l) => string.Create(CultureInfo.InvariantCulture, $"{l.P50:0.0} / {l.P95:0.0} / {l.P99:0.0}");
}
