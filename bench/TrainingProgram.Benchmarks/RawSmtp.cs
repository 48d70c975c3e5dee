using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace TrainingProgram.Benchmarks;

/// <summary>The SMTP server's own acceptance rate: raw MailKit sends over reused connections.</summary>
public sealed class RawSmtp(Uri smtp)
{
    public async Task<LoadResult<TimeSpan>> SendAsync(int connections, int messages)
    {
        var perConnection = messages / connections;
        var stopwatch = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None);
            var samples = new List<TimeSpan>(perConnection);
            for (var i = 0; i < perConnection; i++)
            {
                var one = Stopwatch.StartNew();
                await client.SendAsync(Message($"raw.{c}.{i}@bench.example"));
                samples.Add(one.Elapsed);
            }

            await client.DisconnectAsync(quit: true);
            return samples;
        }));
        return new([.. latencies.SelectMany(l => l)], stopwatch.Elapsed);
    }

    /// <summary>One email the way a naive synchronous design would send it: connect, send, quit.</summary>
    public async Task<TimeSpan> SendOnFreshConnectionAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None);
        await client.SendAsync(Message("fresh@bench.example"));
        await client.DisconnectAsync(quit: true);
        return stopwatch.Elapsed;
    }

    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Benchmark", "bench@trainingprogram.example"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Enrollment confirmed: BENCH Benchmark course";
        message.Body = new BodyBuilder { TextBody = "Benchmark message.", HtmlBody = "<p>Benchmark message.</p>" }.ToMessageBody();
        return message;
    }
}
