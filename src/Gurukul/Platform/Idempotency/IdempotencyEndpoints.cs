using Gurukul.Platform.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using NodaTime;

namespace Gurukul.Platform.Idempotency;

/// <summary>Marks an endpoint as one that honours <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentEndpointMetadata;

public static class IdempotencyEndpoints
{
    public const string HeaderName = "Idempotency-Key";

    public static IServiceCollection AddGurukulIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdempotencyOptions>(configuration.GetSection("Idempotency"));
        services.AddScoped<IdempotencyKeys>();
        services.AddRecurringJob<IdempotencyPurgeJob>(IdempotencyPurgeJob.JobKind);
        return services;
    }

    /// <summary>
    /// Makes every money or booking POST idempotent: add it to the endpoint (or its group). The request body is buffered so
    /// that its fingerprint can be taken after binding; see <see cref="UseIdempotency"/>.
    /// </summary>
    public static TBuilder RequireIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new IdempotentEndpointMetadata());
        // A key reused with a different request is 422: declared here, once for every idempotent endpoint (docs/adr/0019).
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), ["application/problem+json"]));
        builder.AddEndpointFilter(new IdempotencyFilter());
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any string up to 255 characters, kept 24 hours per user: the same key with the same body returns the first "
                    + "response again; with a different body it is 422; while the first request runs, 409.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyRecord.MaxKeyLength },
            });
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>
    /// Lets idempotent endpoints read their request body twice (binding, then the fingerprint). After routing, so that the
    /// endpoint is known; only requests that carry the header pay for the buffer.
    /// </summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpointMetadata>() is not null
            && context.Request.Headers.ContainsKey(HeaderName))
        {
            context.Request.EnableBuffering();
        }

        return next(context);
    });
}

/// <summary>Deletes keys past their retention, every hour.</summary>
internal sealed class IdempotencyPurgeJob(IdempotencyKeys keys) : IRecurringJob
{
    public const string JobKind = "idempotency.purge";

    public string Kind => JobKind;

    public Duration Interval => Duration.FromHours(1);

    public Task RunAsync(CancellationToken cancellationToken) => keys.PurgeExpiredAsync(cancellationToken);
}
