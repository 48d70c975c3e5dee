using OpenIddict.Abstractions;

namespace TrainingProgram.Identity.OpenIdConnect;

public static class ClientRegistrations
{
    /// <summary>
    /// Creates or updates the API scopes and the two clients from configuration, in every environment: a changed
    /// redirect URI or operations secret takes effect at the next start.
    /// </summary>
    public static async Task SyncAsync(
        IOpenIddictScopeManager scopes, IOpenIddictApplicationManager applications, IdentityProviderOptions options, CancellationToken cancellationToken)
    {
        foreach (var scope in ApiScopes.Registrations())
        {
            if (await scopes.FindByNameAsync(scope.Name!, cancellationToken) is { } existing)
            {
                await scopes.UpdateAsync(existing, scope, cancellationToken);
            }
            else
            {
                await scopes.CreateAsync(scope, cancellationToken);
            }
        }

        foreach (var client in new[] { ClientApplications.Web(options.Clients.Web), ClientApplications.Operations(options.Clients.Operations) })
        {
            if (await applications.FindByClientIdAsync(client.ClientId!, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, client, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(client, cancellationToken);
            }
        }
    }
}
