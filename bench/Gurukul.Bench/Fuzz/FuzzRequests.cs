using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Fuzz;

/// <summary>An HTTP request the fuzzer made, with a short description for the report.</summary>
public sealed record FuzzRequest(HttpRequestMessage Message, string Shown);

/// <summary>Builds one request for an operation: path and query parameters, a body of its media type, and odd headers now and then.</summary>
public sealed class FuzzRequests(FuzzOperations operations, FuzzInputs inputs, Draw draw)
{
    private static readonly string[] Languages = ["hi", "te", "en-IN,en;q=0.8", "xx-YY", "*", "te;q=abc", new string('a', 300)];

    private static readonly byte[][] FileStarts =
    [
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF, 0xE0], "%PDF-1.7\n"u8.ToArray(), "<html><script>alert(1)</script>"u8.ToArray(),
        "GIF89a"u8.ToArray(), [],
    ];

    private static readonly string[] OtherMediaTypes = ["application/xml", "multipart/form-data"];
    private static readonly int[] FileSizes = [0, 16, 2048, 200_000];
    private static readonly string[] FileTypes = ["application/pdf", "image/png", "text/html", "application/octet-stream"];

    private static readonly string[] FileNames =
    [
        "id.pdf", "photo.png", "../../etc/passwd", "\u202egnp.exe", "తెలుగు.pdf", "a\"b.pdf", "", new string('n', 400) + ".pdf", "CON", "x\r\ny.pdf",
    ];

    public FuzzRequest Build(FuzzOperation operation)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            if (parameter.In == "path")
            {
                path = path.Replace("{" + parameter.Name + "}", inputs.Text(parameter.Name, parameter.Schema, inPath: true), StringComparison.Ordinal);
            }
            else if (parameter.In == "query" && (parameter.Required ? !draw.Chance(0.05) : draw.Chance(0.5)))
            {
                query.Add($"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(inputs.Text(parameter.Name, parameter.Schema, inPath: false))}");
            }
        }

        var url = query.Count > 0 ? $"{path}?{string.Join('&', query)}" : path;
        var message = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        var shown = $"{operation.Method} {url}";
        if (operation.BodyMediaType is { } media && operation.BodySchema is { } schema)
        {
            (message.Content, var body) = media.StartsWith("multipart/", StringComparison.Ordinal) ? Multipart(schema) : Json(schema);
            shown += " " + Shorten(body);
        }

        if (draw.Chance(0.1))
        {
            message.Headers.TryAddWithoutValidation("Accept-Language", draw.Pick(Languages));
        }

        return new FuzzRequest(message, shown);
    }

    private (HttpContent?, string) Json(JsonObject schema)
    {
        var roll = draw.Unit();
        if (roll < 0.85)
        {
            var value = FuzzOperations.TypeOf(operations.Resolve(schema)) == "object" ? inputs.Record(schema) : inputs.Value("body", schema);
            var text = value?.ToJsonString() ?? "null";
            return (new StringContent(text, Encoding.UTF8, draw.Chance(0.03) ? "text/plain" : "application/json"), text);
        }

        var broken = draw.Between(0, 7) switch
        {
            0 => "",
            1 => "{",
            2 => "null",
            3 => "[]",
            4 => "\"text\"",
            5 => "{\"a\":\"" + new string('x', 200_000) + "\"}",
            6 => "{\"email\": \"\\ud800\", \"name\": \"\\u0000\"}",
            _ => "{,}",
        };
        if (draw.Chance(0.2))
        {
            return (null, "(no body)");
        }

        var content = new ByteArrayContent(draw.Chance(0.1) ? [0xC3, 0x28, 0xA0, 0xA1] : Encoding.UTF8.GetBytes(broken));
        content.Headers.ContentType = new MediaTypeHeaderValue(draw.Chance(0.85) ? "application/json" : draw.Pick(OtherMediaTypes));
        return (content, broken);
    }

    private (HttpContent?, string) Multipart(JsonObject schema)
    {
        if (draw.Chance(0.1))
        {
            return (new StringContent("{}", Encoding.UTF8, "application/json"), "{} as JSON");
        }

        var form = new MultipartFormDataContent();
        var shown = new List<string>();
        var resolved = operations.Resolve(schema);
        var parts = resolved["allOf"] is JsonArray allOf ? allOf.OfType<JsonObject>() : [resolved];
        var properties = parts.SelectMany(part => operations.Resolve(part)["properties"]?.AsObject() ?? []);
        foreach (var (name, propertySchema) in properties)
        {
            var property = operations.Resolve(propertySchema as JsonObject ?? []);
            if (property["format"]?.GetValue<string>() == "binary")
            {
                if (draw.Chance(0.9))
                {
                    var start = draw.Pick(FileStarts);
                    var bytes = new byte[start.Length + draw.Pick(FileSizes)];
                    start.CopyTo(bytes, 0);
                    Random.Shared.NextBytes(bytes.AsSpan(start.Length));
                    var file = new ByteArrayContent(bytes);
                    file.Headers.ContentType = new MediaTypeHeaderValue(draw.Pick(FileTypes));
                    var fileName = draw.Pick(FileNames);
                    // Written by hand: HttpClient refuses to send some of these names, which is the point of sending them.
                    file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{name}\"; filename=\"{fileName}\"");
                    form.Add(file);
                    shown.Add($"{name}={bytes.Length} bytes as {fileName}");
                }
            }
            else if (draw.Chance(0.9))
            {
                var text = inputs.Text(name, propertySchema as JsonObject ?? [], inPath: false);
                form.Add(new StringContent(text), name);
                shown.Add($"{name}={text}");
            }
        }

        return (form, string.Join(", ", shown));
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} chars)";
}
