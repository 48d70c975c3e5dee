using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using TrainingProgram.AppHost.LocalServers;

namespace Aspire.Hosting;

public static class Smtp4devBuilderExtensions
{
    /// <summary>Large enough that no test or benchmark run loses a message to smtp4dev's clean-up.</summary>
    private const int MessagesToKeep = 100_000;

    /// <summary>
    /// Adds smtp4dev (the dotnet local tool in dotnet-tools.json) as the development mail server: SMTP and
    /// its web inbox on loopback, messages kept in memory for this run only.
    /// </summary>
    public static IResourceBuilder<Smtp4devResource> AddSmtp4dev(this IDistributedApplicationBuilder builder, string name)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var smtpPort = FreePort.Next();
        var httpPort = FreePort.Next();

        return builder.AddResource(new Smtp4devResource(name, repositoryRoot))
            .WithArgs(
                "tool", "run", "smtp4dev", "--",
                $"--urls=http://127.0.0.1:{httpPort}",
                $"--smtpport={smtpPort}",
                "--bindaddress=127.0.0.1",
                "--disableipv6",
                "--imapport=",
                "--pop3port=",
                "--db=",
                "--nousersettings",
                $"--messagestokeep={MessagesToKeep.ToString(CultureInfo.InvariantCulture)}")
            .WithEndpoint(port: smtpPort, targetPort: smtpPort, scheme: "smtp", name: Smtp4devResource.SmtpEndpointName, isProxied: false)
            .WithHttpEndpoint(port: httpPort, targetPort: httpPort, name: Smtp4devResource.HttpEndpointName, isProxied: false)
            .WithHttpHealthCheck("/api/messages", endpointName: Smtp4devResource.HttpEndpointName)
            .WithUrlForEndpoint(Smtp4devResource.HttpEndpointName, url => url.DisplayText = "Inbox")
            .WithIconName("Mail");
    }
}
