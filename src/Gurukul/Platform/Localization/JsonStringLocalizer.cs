using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Localization;

/// <summary>
/// UI strings from <c>Resources/{culture}.json</c> and <c>Resources/{area}/{culture}.json</c> files embedded in the assembly.
/// Adding a language is adding its files (docs/adr/0004-json-ui-strings.md). A missing translation falls back to English, never to an empty string.
/// </summary>
public sealed class JsonStringCatalog
{
    public const string DefaultCulture = "en";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byCulture;

    public JsonStringCatalog()
    {
        var assembly = Assembly.GetExecutingAssembly();
        const string prefix = "strings/";
        // Resources/{culture}.json holds the shared strings; Resources/{area}/{culture}.json a feature's own. A culture's
        // strings are all its files together, and a key defined twice is a mistake to fix, not to resolve silently.
        _byCulture = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .GroupBy(n => Path.GetFileNameWithoutExtension(n), StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(
                files => files.Key,
                files =>
                {
                    var strings = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var file in files)
                    {
                        using var stream = assembly.GetManifestResourceStream(file)!;
                        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
                        {
                            if (!strings.TryAdd(key, value))
                            {
                                throw new InvalidOperationException($"The UI string \"{key}\" is defined twice for {files.Key} (second time in {file}).");
                            }
                        }
                    }

                    return strings.ToFrozenDictionary(StringComparer.Ordinal);
                },
                StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The cultures there are strings for: the languages a user can pick.</summary>
    public IReadOnlyList<string> Cultures => [.. _byCulture.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyDictionary<string, string> StringsFor(string culture) => _byCulture[culture];

    public string? Find(string key, CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_byCulture.TryGetValue(c.Name, out var strings) && strings.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return _byCulture.TryGetValue(DefaultCulture, out var fallback) && fallback.TryGetValue(key, out var english) ? english : null;
    }
}

internal sealed class JsonStringLocalizer(JsonStringCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = catalog.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.StringsFor(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName).Select(kv => new LocalizedString(kv.Key, kv.Value));
}

internal sealed class JsonStringLocalizerFactory(JsonStringCatalog catalog) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(catalog);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(catalog);
}
