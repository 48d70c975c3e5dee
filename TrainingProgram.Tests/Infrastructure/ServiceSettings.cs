using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace TrainingProgram.Tests.Infrastructure;

/// <summary>Environment settings for the topology's own projects, for fixtures that change a service's configuration.</summary>
public static class ServiceSettings
{
    /// <summary>Sets <paramref name="name"/> on the project resource <paramref name="project"/>.</summary>
    public static IDistributedApplicationTestingBuilder WithSetting(this IDistributedApplicationTestingBuilder builder, string project, string name, object value)
    {
        var resource = builder.Resources.OfType<ProjectResource>().Single(candidate => candidate.Name == project);
        builder.CreateResourceBuilder(resource).WithEnvironment(name, Format(value));
        return builder;
    }

    private static string Format(object value) => value switch
    {
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
