using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gurukul.Platform.Web;

/// <summary>
/// Problem details as Gurukul writes them (<c>ErrorSetup</c>, <c>ProblemMapping</c>): always a status, a title, the request id support staff
/// look up and the trace id; 401 answers to sign-in also say whether a two-factor code is what was missing.
/// </summary>
internal static class ProblemSchemas
{
    public static Task DescribeExtensions(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (!typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) || schema.Properties is null)
        {
            return Task.CompletedTask;
        }

        schema.Properties["requestId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Names this request in the server's logs: quote it when asking for help.",
        };
        schema.Properties["traceId"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The W3C trace id of this request, for distributed tracing.",
        };
        schema.Properties["twoFactorRequired"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Boolean,
            Description = "On 401 answers to sign-in: true when the password was right and a two-factor code is needed (or was wrong).",
        };
        foreach (var always in new[] { "status", "title" })
        {
            if (schema.Properties.TryGetValue(always, out var property) && property is OpenApiSchema { Type: { } type } inline)
            {
                inline.Type = type & ~JsonSchemaType.Null;
            }
        }

        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
        schema.Required.UnionWith(["status", "title", "requestId"]);
        return Task.CompletedTask;
    }
}
