using TrainingProgram.Identity.OpenIdConnect;

namespace TrainingProgram.UnitTests.Identity;

public sealed class DevelopmentKeysWarningTests
{
    [Fact]
    public void Loopback_addresses_are_not_reported()
    {
        Assert.Empty(DevelopmentKeysWarning.NotLoopback(["http://127.0.0.1:5170", "http://localhost:5000", "http://[::1]:80", "http://127.0.0.1:5170/"]));
    }

    [Fact]
    public void Any_address_and_real_addresses_are_reported()
    {
        string[] reachable = ["http://0.0.0.0:8080", "http://[::]:80", "http://+:80", "http://*:5000", "https://identity.example.edu/", "http://10.0.0.5:5170"];

        Assert.Equal(reachable, DevelopmentKeysWarning.NotLoopback(reachable));
    }
}
