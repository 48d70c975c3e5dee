using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>
/// Lets configuration point the `containers` mode at other images than Aspire's standard ones, e.g. the local
/// builds of scripts/containers/build-images.sh on a machine that reaches no image registry:
/// <c>Infrastructure:Containers:PostgresImage</c> and <c>Infrastructure:Containers:RabbitMQImage</c>
/// (environment variables <c>Infrastructure__Containers__PostgresImage</c>, ...), each <c>[registry/]image[:tag]</c>.
/// Unset (the default), a resource keeps the integration's own registry, image and tag.
/// </summary>
public static class ContainerImageOverrides
{
    public const string PostgresImageKey = "Infrastructure:Containers:PostgresImage";
    public const string RabbitMQImageKey = "Infrastructure:Containers:RabbitMQImage";

    /// <summary>
    /// Replaces the resource's image with the one configuration names under <paramref name="configurationKey"/>,
    /// if any. Call it last: RabbitMQ's WithManagementPlugin() only knows how to rewrite the official image's
    /// tag (and adds the management endpoint only then), so it must run on the standard image first.
    /// An overridden image is pulled only when missing: a local build is used as it is, never looked up in a registry.
    /// </summary>
    public static IResourceBuilder<T> WithConfiguredImage<T>(this IResourceBuilder<T> container, string configurationKey)
        where T : ContainerResource
    {
        if (container.ApplicationBuilder.Configuration[configurationKey] is not { Length: > 0 } reference)
        {
            return container;
        }

        // WithImage keeps a registry named in the reference as part of the image; the integration's own
        // registry (docker.io) must not be put in front of it.
        return container
            .WithImageRegistry(null)
            .WithImage(reference.Trim())
            .WithImagePullPolicy(ImagePullPolicy.Missing);
    }
}
