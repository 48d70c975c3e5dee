namespace TrainingProgram.Identity.OpenIdConnect;

/// <summary>
/// The endpoints OpenIddict passes through to us after validating the request. Discovery
/// (/.well-known/openid-configuration) and the key set (/.well-known/jwks) OpenIddict answers on its own.
/// </summary>
public static class OpenIdConnectEndpoints
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string EndSessionPath = "/connect/endsession";

    public static IEndpointRouteBuilder MapOpenIdConnectEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], AuthorizationEndpoint.Authorize);
        routes.MapPost(TokenPath, TokenEndpoint.Exchange).AllowBrowserClients();
        routes.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoint.EndSession);
        return routes;
    }
}
