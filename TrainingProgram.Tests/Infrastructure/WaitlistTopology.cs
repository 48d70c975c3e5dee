using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>
/// The topology for the tests of offers that expire: an offer holds its seat for <see cref="ClaimPeriod"/> instead
/// of a day. Its tests stop and start the API, so they run one at a time on it.
/// </summary>
public sealed class WaitlistApp : TrainingProgramApp
{
    public static readonly TimeSpan ClaimPeriod = TimeSpan.FromSeconds(8);

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        var api = builder.Resources.OfType<ProjectResource>().Single(project => project.Name == EnrollmentApi);
        builder.CreateResourceBuilder(api)
            .WithEnvironment("Waitlist__ClaimPeriod", ClaimPeriod.ToString("c", CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition(Name)]
public sealed class WaitlistTopology : ICollectionFixture<WaitlistApp>
{
    public const string Name = "Waitlist offers";
}
