using TrainingProgram.Tests.Infrastructure;

namespace TrainingProgram.Tests.Identity;

/// <summary>
/// A topology whose identity provider trusts the X-Forwarded-For of loopback, as a deployment trusts its reverse proxy
/// (Identity:SignInThrottle:TrustedProxies): the throttle tests play many clients, each with an address of its own.
/// On the shared topology, as in the AppHost's default, no proxy is trusted and every test client is one source.
/// </summary>
public sealed class TrustedProxyApp : TrainingProgramApp
{
    protected override void Configure(IDistributedApplicationTestingBuilder builder) =>
        builder
            .WithSetting(ResourceNames.Identity, "Identity__SignInThrottle__TrustedProxies__0", "127.0.0.1")
            .WithSetting(ResourceNames.Identity, "Identity__SignInThrottle__TrustedProxies__1", "::1");
}

[CollectionDefinition(Name)]
public sealed class TrustedProxyTopology : ICollectionFixture<TrustedProxyApp>
{
    public const string Name = "Trusted proxy topology";
}
