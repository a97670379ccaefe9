using Microsoft.OpenApi;

namespace Gurukul.Platform.Web;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> (everything under <c>/api/v1</c>) and a browsable reference at <c>/api-docs</c>.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddGurukulOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Gurukul API",
                    Version = "v1",
                    Description = "Find verified mentors, book sessions and learn. Errors are RFC 9457 problem details; times are UTC ISO 8601; money is integer minor units.",
                };
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapGurukulOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The browsable reference at <c>/api-docs</c> when <c>Gurukul:ApiDocs</c> is true; by default everywhere but Production,
    /// where it is one more page to serve and scan for nobody's benefit (docs/adr/0017-behind-a-proxy.md).
    /// </summary>
    public static IApplicationBuilder UseGurukulApiReference(this IApplicationBuilder app)
    {
        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        if (!app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue("Gurukul:ApiDocs", !environment.IsProduction()))
        {
            return app;
        }

        return app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api-docs";
            options.DocumentTitle = "Gurukul API reference";
            options.SwaggerEndpoint("/openapi/v1.json", "Gurukul API v1");
        });
    }
}
