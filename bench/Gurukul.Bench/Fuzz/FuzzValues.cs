using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gurukul.Bench.Fuzz;

/// <summary>
/// Known-good values by field name: the dictionary shipped beside the fuzzer, and what responses teach it (ids, slugs,
/// codes). Values in <see cref="Protected"/> (the bootstrap admin's id) are never learned, so fuzzing cannot suspend the
/// account that mints the admins it fuzzes with.
/// </summary>
public sealed class FuzzValues
{
    private const int MaxLearnedPerName = 200;
    private readonly Dictionary<string, JsonNode?[]> _dictionary;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _learned = new(StringComparer.Ordinal);

    public FuzzValues()
    {
        using var stream = typeof(FuzzValues).Assembly.GetManifestResourceStream("fuzz/dictionary.json")
            ?? throw new BenchException("the fuzz dictionary is not embedded");
        _dictionary = JsonNode.Parse(stream)!.AsObject().Where(e => !e.Key.StartsWith('_'))
            .ToDictionary(e => e.Key, e => e.Value!.AsArray().ToArray(), StringComparer.Ordinal);
    }

    public ConcurrentDictionary<string, bool> Protected { get; } = new(StringComparer.Ordinal);

    /// <summary>A good value for a field or parameter of this name, if the fuzzer knows one.</summary>
    public JsonNode? Known(string name, Generate.Draw draw, out bool found)
    {
        var learned = Learned(name);
        found = true;
        if (learned.Count > 0 && (draw.Chance(0.6) || !_dictionary.ContainsKey(name)))
        {
            return JsonValue.Create(draw.Pick(learned));
        }

        if (_dictionary.TryGetValue(name, out var values))
        {
            return draw.Pick(values)?.DeepClone();
        }

        found = false;
        return null;
    }

    /// <summary>Learns ids, slugs and codes from a JSON response: under their own name, and ids also under <c>{owner}Id</c>.</summary>
    public void Learn(JsonElement body, string owner = "")
    {
        switch (body.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in body.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && IsKey(property.Name))
                    {
                        Remember(property.Name, property.Value.GetString()!);
                        if (property.Name == "id" && owner.Length > 0)
                        {
                            Remember(owner + "Id", property.Value.GetString()!);
                        }
                    }
                    else
                    {
                        Learn(property.Value, property.Name.TrimEnd('s'));
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in body.EnumerateArray())
                {
                    Learn(item, owner);
                }

                break;
        }
    }

    private static bool IsKey(string name) =>
        name is "id" or "slug" or "code" or "nextCursor" || name.EndsWith("Id", StringComparison.Ordinal);

    private IReadOnlyList<string> Learned(string name)
    {
        var key = name == "cursor" ? "nextCursor" : name;
        return _learned.TryGetValue(key, out var queue) ? [.. queue] : _learned.TryGetValue("id", out var ids) && name.EndsWith("Id", StringComparison.Ordinal) ? [.. ids] : [];
    }

    private void Remember(string name, string value)
    {
        if (Protected.ContainsKey(value))
        {
            return;
        }

        var queue = _learned.GetOrAdd(name, _ => new ConcurrentQueue<string>());
        queue.Enqueue(value);
        while (queue.Count > MaxLearnedPerName && queue.TryDequeue(out _))
        {
        }
    }
}
