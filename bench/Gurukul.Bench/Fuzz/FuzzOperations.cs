using System.Text.Json.Nodes;

namespace Gurukul.Bench.Fuzz;

/// <summary>A parameter of an operation: where it goes, whether it must be sent, and its schema.</summary>
public sealed record FuzzParameter(string Name, string In, bool Required, JsonObject Schema);

/// <summary>One operation of the OpenAPI document, with what the fuzzer needs to build requests for it.</summary>
public sealed record FuzzOperation(
    string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, string? BodyMediaType, JsonObject? BodySchema, bool SignInRequired,
    IReadOnlySet<string> DeclaredStatuses)
{
    public string Name => $"{Method} {Path}";

    /// <summary>Whether <paramref name="status"/> is among the responses the document declares (exactly, as a range such as 4XX, or as default).</summary>
    public bool Declares(int status) =>
        DeclaredStatuses.Contains($"{status}") || DeclaredStatuses.Contains($"{status / 100}XX") || DeclaredStatuses.Contains("default");
}

/// <summary>Reads the operations out of an OpenAPI 3.x document, and resolves its schema references.</summary>
public sealed class FuzzOperations
{
    private const string ComponentPrefix = "#/components/schemas/";
    private readonly JsonObject _components;

    public FuzzOperations(JsonObject document)
    {
        _components = document["components"]?["schemas"]?.AsObject() ?? [];
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var parameters = (operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>()
                    .Select(p => new FuzzParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() == true,
                        p["schema"]?.AsObject() ?? []))
                    .ToList();
                var content = operation["requestBody"]?["content"]?.AsObject();
                var media = content?.FirstOrDefault(c => c.Key == "application/json").Key ?? content?.FirstOrDefault().Key;
                operations.Add(new FuzzOperation(
                    method.ToUpperInvariant(), path, parameters, media, media is null ? null : content![media]?["schema"]?.AsObject(),
                    operation["security"]?.AsArray().Count > 0,
                    operation["responses"]!.AsObject().Select(r => r.Key).ToHashSet(StringComparer.Ordinal)));
            }
        }

        All = operations;
    }

    public IReadOnlyList<FuzzOperation> All { get; }

    /// <summary>The schema itself, or what its <c>$ref</c> names; a nullable wrapper (<c>oneOf [null, X]</c>) gives X.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        for (var hops = 0; hops < 16; hops++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
            {
                schema = _components[reference[ComponentPrefix.Length..]]?.AsObject() ?? [];
            }
            else if (schema["oneOf"] is JsonArray choices && choices.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() != "null") is { } choice)
            {
                schema = choice;
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    /// <summary>The first type a schema allows besides null (<c>"type": ["null", "string"]</c> → string).</summary>
    public static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        JsonValue type => type.GetValue<string>(),
        _ => schema.ContainsKey("properties") || schema.ContainsKey("allOf") ? "object" : null,
    };
}
