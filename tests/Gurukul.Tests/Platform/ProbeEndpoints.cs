using Gurukul.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gurukul.Tests.Platform;

/// <summary>
/// Handlers that exist only in tests, appended after the app's whole pipeline: requests that no product endpoint
/// matched fall through to them, still inside the product's localization, exception handling and status-code pages.
/// They bind their parameters with the same RequestDelegateFactory and options minimal API endpoints use.
/// </summary>
internal sealed class ProbeEndpoints : IStartupFilter
{
    public const string SecretInException = "Password=hunter2";

    public static void Add(IServiceCollection services) => services.AddSingleton<IStartupFilter, ProbeEndpoints>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        var options = new RequestDelegateFactoryOptions
        {
            ServiceProvider = app.ApplicationServices,
            ThrowOnBadRequest = app.ApplicationServices.GetRequiredService<IOptions<RouteHandlerOptions>>().Value.ThrowOnBadRequest,
        };
        Probe(app, "/api/v1/probe/echo", (ProbeBody body) => TypedResults.Ok(body), options);
        Probe(app, "/api/v1/probe/fail", string () => throw new InvalidOperationException("Host=db;" + SecretInException), options);
        Probe(app, "/probe/fail", string () => throw new InvalidOperationException("Host=db;" + SecretInException), options);
        Probe(app, "/probe/count", (int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture), options);
        Probe(app, "/probe/conflict", string () => throw new ConflictException("That slot was just booked by someone else."), options);
        Probe(app, "/api/v1/probe/conflict", string () => throw new ConflictException("That slot was just booked by someone else."), options);
        Probe(app, "/api/v1/probe/invalid", string () => throw new ValidationException("school.classGrade", "Class must be between 6 and 12."), options);
    };

    private static void Probe(IApplicationBuilder app, string path, Delegate handler, RequestDelegateFactoryOptions options)
    {
        var requestDelegate = RequestDelegateFactory.Create(handler, options).RequestDelegate;
        app.MapWhen(context => context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase), branch => branch.Run(context =>
        {
            // The product pipeline marked this request 404 when nothing matched; the probe answers it instead.
            context.Response.StatusCode = StatusCodes.Status200OK;
            return requestDelegate(context);
        }));
    }
}

public sealed record ProbeBody(string Name, int Age, DateOnly? BirthDate);
