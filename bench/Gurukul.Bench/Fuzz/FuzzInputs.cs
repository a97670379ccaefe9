using System.Globalization;
using System.Text.Json.Nodes;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Fuzz;

/// <summary>
/// Values for one field, parameter or body: valid ones (known-good from <see cref="FuzzValues"/>, else made to fit the
/// schema), boundary ones (limits of the type, empty, very long, other scripts) and malformed ones (the wrong type, null,
/// bytes that break parsers, injection strings).
/// </summary>
public sealed class FuzzInputs(FuzzOperations operations, FuzzValues values, Draw draw)
{
    private static readonly string[] OddText =
    [
        "", " ", "\t\n", "null", "undefined", "0", "-1", "true", "[]", "{}", "తెలుగు అక్షరాలు", "हिन्दी", "😀👩🏽‍🏫", "\u202egnp.exe", "a\u200b",
        "e\u0301\u0301\u0301", "\u0000", "nul\u0000inside", "\ud800", "' OR '1'='1", "\"; DROP TABLE users; --", "<script>alert(1)</script>",
        "../../../../etc/passwd", "..\\..\\windows", "%s%s%n", "{{7*7}}", "${jndi:ldap://x}", "\r\nX-Injected: 1", "ＡＢＣ１２３", "İıŞş",
        "a@b", "@", "user@[127.0.0.1]", "\"quoted\"@example.com", "x@example.com\u200b", "2026-02-30", "9999-12-31T23:59:59Z", "0001-01-01",
        "1e309", "NaN", "-0", "0x10", "１２", "٣", "Asia/Atlantis", "ZZ",
    ];

    private static readonly string[] OddPathSegments =
    [
        "0", "-1", "00000000-0000-0000-0000-000000000000", "%2F", "a%20b", "%E0%A4", "%25", "%F0%9F%98%80", "~", "null",
        "%C0%AF", "%ff", "x%0Ay", "%3Cscript%3E",
    ];

    private static readonly int[] LongLists = [11, 101, 1001];
    private static readonly char[] LongTextLetters = ['a', 'ఆ', '9'];
    private static readonly int[] LongTextLengths = [121, 1001, 20_000];

    private static readonly JsonNode?[] OddNumbers =
    [
        0, -1, 1, 2147483647, 2147483648L, -2147483649L, 9223372036854775807L, JsonValue.Create(9223372036854775808UL), 1.5, -0.0, 1e308, 0.1,
    ];

    /// <summary>A value for a field or parameter of this name and schema: valid, boundary or malformed, mostly valid.</summary>
    public JsonNode? Value(string name, JsonObject schema, int depth = 0)
    {
        var roll = draw.Unit();
        if (roll < 0.12)
        {
            return Malformed(schema);
        }

        if (roll < 0.3)
        {
            return Boundary(schema);
        }

        var known = values.Known(name, draw, out var found);
        return found ? known : Valid(name, schema, depth);
    }

    /// <summary>A value that fits the schema's type, made up when the fuzzer knows nothing better.</summary>
    public JsonNode? Valid(string name, JsonObject schema, int depth = 0)
    {
        var resolved = operations.Resolve(schema);
        switch (FuzzOperations.TypeOf(resolved))
        {
            case "integer":
                return draw.Between(0, 20);
            case "number":
                return Math.Round(draw.Unit() * 10, 2);
            case "boolean":
                return draw.Chance(0.5);
            case "array":
                var items = new JsonArray();
                for (var i = draw.Between(0, 3); i > 0 && depth < 6; i--)
                {
                    items.Add(Value(name, resolved["items"]?.AsObject() ?? [], depth + 1));
                }

                return items;
            case "object":
                return Record(resolved, depth);
            default:
                return resolved["format"]?.GetValue<string>() switch
                {
                    "date-time" => DateTime.UtcNow.AddDays(draw.Between(-30, 60)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    "date" => DateTime.UtcNow.AddDays(draw.Between(-30, 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "uuid" => Guid.NewGuid().ToString(),
                    _ => name.Contains("mail", StringComparison.OrdinalIgnoreCase) ? $"fuzz.{Guid.NewGuid():N}@example.com"
                        : name.Contains("password", StringComparison.OrdinalIgnoreCase) ? FuzzIdentities.Password
                        : $"fuzz {name} {draw.Between(1, 999)}",
                };
        }
    }

    /// <summary>Every required property and most optional ones; now and then one left out, or one the schema does not know.</summary>
    public JsonObject Record(JsonObject schema, int depth = 0)
    {
        var resolved = operations.Resolve(schema);
        var required = (resolved["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var (property, propertySchema) in Properties(resolved))
        {
            var include = required.Contains(property) ? !draw.Chance(0.04) : draw.Chance(0.6);
            if (include)
            {
                result[property] = Value(property, propertySchema, depth + 1);
            }
        }

        if (draw.Chance(0.03))
        {
            result["unexpected" + draw.Between(1, 9)] = Malformed([]);
        }

        return result;
    }

    /// <summary>A path or query value as text: mostly the JSON value's text, sometimes a raw oddity for URLs.</summary>
    public string Text(string name, JsonObject schema, bool inPath)
    {
        if (inPath && draw.Chance(0.1))
        {
            return draw.Pick(OddPathSegments);
        }

        var value = Value(name, schema);
        var text = value switch
        {
            null => "",
            JsonValue scalar when scalar.TryGetValue<string>(out var s) => s,
            _ => value.ToJsonString(),
        };
        return inPath ? Uri.EscapeDataString(text.Length == 0 ? "x" : text) : text;
    }

    private static IEnumerable<(string Name, JsonObject Schema)> Properties(JsonObject schema) =>
        (schema["properties"]?.AsObject() ?? []).Select(p => (p.Key, p.Value as JsonObject ?? []))
            .Concat((schema["allOf"]?.AsArray() ?? []).OfType<JsonObject>().SelectMany(Properties));

    private JsonNode? Boundary(JsonObject schema)
    {
        var resolved = operations.Resolve(schema);
        return FuzzOperations.TypeOf(resolved) switch
        {
            "integer" or "number" => draw.Pick(OddNumbers)?.DeepClone(),
            "array" => draw.Chance(0.5) ? new JsonArray() : new JsonArray([.. Enumerable.Range(0, draw.Pick(LongLists)).Select(_ => (JsonNode?)"x")]),
            "boolean" => draw.Chance(0.5),
            "object" => new JsonObject(),
            _ => draw.Chance(0.15) ? new string(draw.Pick(LongTextLetters), draw.Pick(LongTextLengths)) : draw.Pick(OddText),
        };
    }

    private JsonNode? Malformed(JsonObject schema) => draw.Between(0, 6) switch
    {
        0 => null,
        1 => FuzzOperations.TypeOf(operations.Resolve(schema)) == "string" ? 12345 : "not a " + (FuzzOperations.TypeOf(operations.Resolve(schema)) ?? "value"),
        2 => new JsonObject { ["nested"] = new JsonArray(1, "two", null) },
        3 => new JsonArray("a", 1, true),
        4 => false,
        5 => Nested(draw.Between(60, 200)),
        _ => draw.Pick(OddText),
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }
}
