using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrainingProgram.Identity.SignIn.Throttling;

namespace TrainingProgram.UnitTests.Identity;

public sealed class SignInSourcesTests
{
    [Fact]
    public void No_proxy_is_trusted_by_default_not_even_loopback()
    {
        var options = ForwardedHeadersOptionsOf([]);

        Assert.Empty(options.KnownProxies);
        Assert.Empty(options.KnownIPNetworks);
#pragma warning disable ASPDEPR005
        Assert.Empty(options.KnownNetworks);
#pragma warning restore ASPDEPR005
    }

    [Theory]
    [InlineData(new string[0], "127.0.0.1", "127.0.0.1")]
    [InlineData(new string[0], "10.0.0.2", "10.0.0.2")]
    [InlineData(new[] { "10.0.0.2" }, "127.0.0.1", "127.0.0.1")]
    [InlineData(new[] { "10.0.0.2" }, "10.0.0.2", "198.51.100.9")]
    [InlineData(new[] { "10.0.0.0/8" }, "10.1.2.3", "198.51.100.9")]
    public async Task X_Forwarded_For_changes_the_source_only_from_a_named_proxy(string[] trustedProxies, string connection, string source)
    {
        var options = ForwardedHeadersOptionsOf(trustedProxies);
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(connection);
        http.Request.Headers["X-Forwarded-For"] = "198.51.100.9";

        await new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(options)).Invoke(http);

        Assert.Equal(source, SignInThrottle.SourceOf(http));
    }

    [Fact]
    public void The_configured_proxies_and_networks_are_trusted()
    {
        var options = ForwardedHeadersOptionsOf(["10.0.0.2", "fd00::/8"]);

        Assert.Equal([IPAddress.Parse("10.0.0.2")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("fd00::/8")], options.KnownIPNetworks);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb:cccc:dddd:eeee", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    public void An_IPv6_source_is_its_64_prefix_and_an_IPv4_source_its_address(string address, string source)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);

        Assert.Equal(source, SignInThrottle.SourceOf(http));
    }

    private static ForwardedHeadersOptions ForwardedHeadersOptionsOf(string[] trustedProxies)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        for (var i = 0; i < trustedProxies.Length; i++)
        {
            builder.Configuration[$"{SignInThrottleOptions.SectionName}:TrustedProxies:{i}"] = trustedProxies[i];
        }

        builder.AddSignInThrottling();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
    }
}

public sealed class TokenEndpointMatchTests
{
    [Theory]
    [InlineData("/connect/token", true)]
    [InlineData("/connect/token/", true)]
    [InlineData("/CONNECT/Token", true)]
    [InlineData("/Connect/Token/", true)]
    [InlineData("/connect/tokens", false)]
    [InlineData("/connect", false)]
    public void The_throttle_takes_every_path_OpenIddict_takes_for_the_token_endpoint(string path, bool matches)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = path;

        Assert.Equal(matches, ClientSecretThrottling.IsEndpoint(http.Request, new Uri("/connect/token", UriKind.Relative)));
        Assert.Equal(matches, ClientSecretThrottling.IsEndpoint(http.Request, new Uri("connect/token", UriKind.Relative)));
    }
}
