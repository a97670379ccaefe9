using System.Text;
using System.Text.Json;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Errors;

/// <summary>
/// Refuses text containing U+0000 in query strings and JSON bodies, as a 400 naming the field. PostgreSQL cannot store or
/// even compare it (a NUL in a sign-in email was a 500 from the lookup, found by the OpenAPI fuzzer), no field of Gurukul
/// has a use for it, and SQLite would store what PostgreSQL refuses, so both refuse it here, before any code sees it.
/// A JSON converter cannot do this: the OpenAPI generator cannot describe a custom string converter's values.
/// </summary>
public static class NulCharacters
{
    // JSON bodies of the API are small; a larger one is left to the binder and the field checks behind it.
    private const int MaxScannedBytes = 1024 * 1024;

    public static IApplicationBuilder UseNulCharacterRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var field = context.Request.Query.FirstOrDefault(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)).Key
            ?? await InJsonBodyAsync(context.Request);
        if (field is not null)
        {
            throw new ValidationException(field.Replace("\0", "", StringComparison.Ordinal),
                context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()["validation.nul_character"]);
        }

        await next(context);
    });

    /// <summary>The path of the first string (or property name) in the JSON body that holds a NUL, as problem details name fields.</summary>
    private static async Task<string?> InJsonBodyAsync(HttpRequest request)
    {
        if (request.HasJsonContentType() is false || request.ContentLength is > MaxScannedBytes or 0)
        {
            return null;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return buffer.Length is > 0 and <= MaxScannedBytes ? FirstNulPath(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) : null;
    }

    private static string? FirstNulPath(ReadOnlySpan<byte> json)
    {
        // Only escapes can put a NUL into JSON text (a raw one is invalid JSON, which the binder reports).
        if (json.IndexOf("\\u0000"u8) < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var path = new List<string>();
        var indexes = new Stack<int>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        path[^1] = name;
                        if (name.Contains('\0', StringComparison.Ordinal))
                        {
                            return Path(path);
                        }

                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path, indexes);
                        indexes.Push(reader.TokenType == JsonTokenType.StartArray ? -1 : -2);
                        path.Add("");
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        indexes.Pop();
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.String:
                        Advance(path, indexes);
                        if (reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                        {
                            return Path(path);
                        }

                        break;
                    default:
                        Advance(path, indexes);
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Malformed JSON: the binder answers it with its own 400.
        }

        return null;
    }

    /// <summary>A value inside an array moves its index on (-1 before the first item); inside an object the property name says where.</summary>
    private static void Advance(List<string> path, Stack<int> indexes)
    {
        if (indexes.Count > 0 && indexes.Peek() >= -1)
        {
            var index = indexes.Pop() + 1;
            indexes.Push(index);
            path[^1] = $"[{index}]";
        }
    }

    private static string Path(List<string> path)
    {
        var text = new StringBuilder();
        foreach (var part in path.Where(p => p.Length > 0))
        {
            text.Append(part.StartsWith('[') || text.Length == 0 ? part : "." + part);
        }

        return text.Length == 0 ? "body" : text.ToString();
    }
}
