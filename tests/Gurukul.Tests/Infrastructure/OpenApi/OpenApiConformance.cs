using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Gurukul.Tests.Infrastructure.OpenApi;

/// <summary>
/// Checks real responses against the OpenAPI document the app serves: the operation exists, its status code is declared,
/// the media type is one it declares, and a JSON body matches the declared schema. Schemas are checked as JSON Schema
/// 2020-12 (what OpenAPI 3.1 uses) with one extra rule: an object may carry only the properties its schema names, so a
/// field the document forgot is a mismatch too. Answers outside any operation (an unknown route, a wrong method) must
/// still be problem details. docs/adr/0019-a-truthful-openapi-document.md.
/// </summary>
public sealed partial class OpenApiConformance
{
    private const string DocumentId = "https://gurukul.test/openapi";
    private const string ComponentPrefix = "#/components/schemas/";

    private readonly JsonObject _paths;
    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly EvaluationOptions _evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public OpenApiConformance(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        _paths = root["paths"]!.AsObject();
        var definitions = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = DocumentId,
            ["$defs"] = Strict(root["components"]?["schemas"]?.DeepClone() ?? new JsonObject()),
        };
        JsonSchema.Build(JsonSerializer.SerializeToElement(definitions), _build);
    }

    /// <summary>Every kind of mismatch once (operation, status and what is wrong), with how often it happened and one body.</summary>
    public IReadOnlyList<string> Check(IEnumerable<RecordedResponse> responses) =>
    [
        .. responses.Select(r => (Response: r, Problem: Check(r))).Where(c => c.Problem is not null)
            .GroupBy(c => $"{c.Response.Method} {Operation(c.Response)} → {c.Response.Status}: {c.Problem}")
            .Select(g => $"{g.Key} ({g.Count()}×; e.g. {g.First().Response.Path}: {Truncate(Text(g.First().Response), 300)})"),
    ];

    private string? Check(RecordedResponse response)
    {
        var operationPath = response.RoutePattern is { } pattern && !response.MethodNotAllowed ? DocumentPath(pattern) : null;
        if (operationPath is null)
        {
            return response.Status >= 400 && response.Body.Length > 0
                ? CheckBody(response, "application/problem+json", new JsonObject { ["$ref"] = ComponentPrefix + "HttpValidationProblemDetails" }, "outside-any-operation")
                : null;
        }

        if (_paths[operationPath]?[response.Method.ToLowerInvariant()] is not JsonObject operation)
        {
            return $"the document has no operation {response.Method} {operationPath}";
        }

        var responses = operation["responses"]!.AsObject();
        var status = response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var declared = responses[status] ?? responses[$"{status[0]}XX"] ?? responses["default"];
        if (declared is null)
        {
            return $"status {status} is not declared for {response.Method} {operationPath} (declared: {string.Join(", ", responses.Select(r => r.Key))})";
        }

        var mediaType = MediaTypeHeaderValue.TryParse(response.ContentType, out var parsed) ? parsed.MediaType : null;
        if (declared["content"] is not JsonObject content || content.Count == 0)
        {
            return response.Body.Length == 0 ? null : $"a body of {mediaType ?? "no type"}, but the document declares none";
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            return response.Body.Length == 0 && response.Status == 201
                ? "an empty body where the document declares one"
                : $"media type {mediaType ?? "(none)"} is not among the declared {string.Join(", ", content.Select(c => c.Key))}";
        }

        return media["schema"] is JsonObject schema ? CheckBody(response, mediaType, schema, $"{response.Method} {operationPath} {status} {mediaType}") : null;
    }

    private string? CheckBody(RecordedResponse response, string expectedMediaType, JsonObject schema, string schemaKey)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(response.ContentType, out var parsed) ? parsed.MediaType : null;
        if (mediaType != expectedMediaType)
        {
            return $"media type {mediaType ?? "(none)"} where {expectedMediaType} is expected";
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || response.BodyCut)
        {
            return null;
        }

        JsonElement body;
        try
        {
            using var parsedBody = JsonDocument.Parse(Decoded(response));
            body = parsedBody.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return $"the body is not JSON: {exception.Message}";
        }

        var results = SchemaFor(schemaKey, schema).Evaluate(body, _evaluation);
        if (results.IsValid)
        {
            return null;
        }

        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .Distinct().Take(5);
        return "the body does not match the schema: " + string.Join("; ", errors);
    }

    private JsonSchema SchemaFor(string key, JsonObject schema)
    {
        // Requests run in parallel; building registers the schema, so one builds at a time.
        lock (_schemas)
        {
            if (!_schemas.TryGetValue(key, out var built))
            {
                var standalone = Strict(schema.DeepClone()).AsObject();
                standalone["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                standalone["$id"] = $"https://gurukul.test/responses/{_schemas.Count}";
                _schemas[key] = built = JsonSchema.Build(JsonSerializer.SerializeToElement(standalone), _build);
            }

            return built;
        }
    }

    /// <summary>
    /// References point into the definitions document, and every object schema that names its properties (and says nothing
    /// about others) allows no others. Members of an <c>allOf</c> are left open: their siblings name the rest.
    /// </summary>
    private static JsonNode Strict(JsonNode node, bool inAllOf = false)
    {
        switch (node)
        {
            case JsonObject schema:
                foreach (var (name, value) in schema.ToList())
                {
                    if (name == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                    {
                        schema["$ref"] = $"{DocumentId}#/$defs/{reference[ComponentPrefix.Length..]}";
                    }
                    else if (value is not null)
                    {
                        Strict(value, name == "allOf");
                    }
                }

                if (!inAllOf && schema.ContainsKey("properties") && !schema.ContainsKey("additionalProperties")
                    && !schema.ContainsKey("unevaluatedProperties") && !schema.ContainsKey("patternProperties"))
                {
                    schema["unevaluatedProperties"] = false;
                }

                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonNode>())
                {
                    Strict(item, inAllOf);
                }

                break;
        }

        return node;
    }

    private static string Operation(RecordedResponse response) =>
        response.RoutePattern is { } pattern && !response.MethodNotAllowed ? DocumentPath(pattern) ?? response.Path : "(no operation)";

    private static string Text(RecordedResponse response) => System.Text.Encoding.UTF8.GetString(Decoded(response));

    private static byte[] Decoded(RecordedResponse response)
    {
        using Stream? decoder = response.ContentEncoding switch
        {
            "br" => new BrotliStream(new MemoryStream(response.Body), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(response.Body), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null)
        {
            return response.Body;
        }

        using var plain = new MemoryStream();
        decoder.CopyTo(plain);
        return plain.ToArray();
    }

    /// <summary><c>/api/v1/mentors/{idOrSlug:minlength(3)?}</c> → <c>/api/v1/mentors/{idOrSlug}</c>, as the document keys paths.</summary>
    private static string? DocumentPath(string routePattern)
    {
        var path = "/" + RouteParameterDetails().Replace(routePattern, "{$1}").Trim('/');
        return path.StartsWith("/api/v1/", StringComparison.Ordinal) || path == "/api/v1" ? path : null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameterDetails();
}
