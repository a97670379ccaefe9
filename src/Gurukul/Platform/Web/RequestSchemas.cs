using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gurukul.Platform.Web;

/// <summary>
/// Request contracts take every field as nullable text or numbers, so that a missing or malformed value is a 400 naming
/// the field rather than an unreadable body. In the document, though, a field a request must send is not nullable:
/// null there is refused like an absent value. A field a request may leave out is a constructor parameter with a
/// default (<c>string? TotpCode = null</c>): not required, and null allowed. This walks every schema a request body
/// reaches and takes <c>null</c> out of its required properties.
/// </summary>
internal static class RequestSchemas
{
    public static Task RequireNonNull(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var bodies = document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(operation => operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
            .Select(media => media.Schema);
        foreach (var body in bodies)
        {
            Reach(body, components, reached);
        }

        foreach (var name in reached)
        {
            if (components[name] is OpenApiSchema schema)
            {
                TightenRequired(schema);
            }
        }

        return Task.CompletedTask;
    }

    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, HashSet<string> reached)
    {
        switch (schema)
        {
            case OpenApiSchemaReference { Reference.Id: { } id }:
                if (reached.Add(id) && components.TryGetValue(id, out var target))
                {
                    Reach(target, components, reached);
                }

                break;
            case OpenApiSchema inline:
                foreach (var child in Children(inline))
                {
                    Reach(child, components, reached);
                }

                break;
        }
    }

    private static IEnumerable<IOpenApiSchema> Children(OpenApiSchema schema) =>
        (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? [])
            .Concat(schema.Items is null ? [] : [schema.Items])
            .Concat(schema.AdditionalProperties is null ? [] : [schema.AdditionalProperties]);

    private static void TightenRequired(OpenApiSchema schema)
    {
        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            if (schema.Properties?.TryGetValue(name, out var property) != true)
            {
                continue;
            }

            switch (property)
            {
                case OpenApiSchema { Type: { } type } inline when type.HasFlag(JsonSchemaType.Null):
                    inline.Type = type & ~JsonSchemaType.Null;
                    break;
                // A nullable object is "oneOf: [null, $ref]": keep the reference alone.
                case OpenApiSchema { OneOf: [OpenApiSchema { Type: JsonSchemaType.Null }, var only] }:
                    schema.Properties[name] = only;
                    break;
                case OpenApiSchema { OneOf: [var only, OpenApiSchema { Type: JsonSchemaType.Null }] }:
                    schema.Properties[name] = only;
                    break;
            }
        }
    }
}
