using Scalar.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

public static class ApiReferenceExtensions
{
    /// <summary>The OpenAPI document (/openapi/v1.json) and the Scalar reference (/scalar), for development only.</summary>
    public static WebApplication MapApiReferenceInDevelopment(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }
}
