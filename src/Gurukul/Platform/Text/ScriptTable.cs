using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gurukul.Platform.Text;

/// <summary>
/// One Indian script's letters and their Latin spellings, read from <c>Platform/Text/Scripts/*.json</c> (embedded): the
/// transliterator is the code, the tables are data, so a script is added or a spelling corrected without touching code.
/// </summary>
public sealed class ScriptTable
{
    private ScriptTable(ScriptFile file)
    {
        Script = file.Script;
        First = file.FirstLetter[0];
        Last = file.LastLetter[0];
        Virama = file.Virama;
        InherentVowel = file.InherentVowel;
        DropFinalInherentVowel = file.DropFinalInherentVowel;
        Anusvara = file.Anusvara;
        Labials = file.Labials.ToHashSet(StringComparer.Ordinal);
        Consonants = [.. file.Consonants.Select(Pair.Of)];
        Vowels = [.. file.Vowels.Select(Pair.Of)];
        VowelSigns = [.. file.VowelSigns.Select(Pair.Of)];
        Signs = [.. file.Signs.Select(Pair.Of)];
        FinalFromLatin = file.FinalFromLatin.ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        FinalVowelsFromLatin = file.FinalVowelsFromLatin.ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    /// <summary>ISO 15924 code: Deva, Telu.</summary>
    public string Script { get; }

    public char First { get; }

    public char Last { get; }

    public string Virama { get; }

    public string InherentVowel { get; }

    /// <summary>Hindi drops the inherent vowel of a word's last consonant (राम is "ram"); Telugu keeps it.</summary>
    public bool DropFinalInherentVowel { get; }

    public AnusvaraRule Anusvara { get; }

    public IReadOnlySet<string> Labials { get; }

    public IReadOnlyList<Pair> Consonants { get; }

    public IReadOnlyList<Pair> Vowels { get; }

    public IReadOnlyList<Pair> VowelSigns { get; }

    public IReadOnlyList<Pair> Signs { get; }

    /// <summary>Latin consonants that end a word as a sign rather than a consonant with a virama (Telugu final m: ం).</summary>
    public IReadOnlyDictionary<string, string> FinalFromLatin { get; }

    /// <summary>Vowel signs a Latin vowel becomes at the end of a word (Hindi: a final "a" is ा, a final "i" is ी).</summary>
    public IReadOnlyDictionary<string, string> FinalVowelsFromLatin { get; }

    public static IReadOnlyList<ScriptTable> All { get; } = [Load("devanagari.json"), Load("telugu.json")];

    public bool Holds(char c) => c >= First && c <= Last;

    private static ScriptTable Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("scripts/" + name)
            ?? throw new InvalidOperationException($"Transliteration table {name} is not embedded.");
        return new ScriptTable(JsonSerializer.Deserialize<ScriptFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Transliteration table {name} is empty."));
    }

    /// <summary>A letter (or conjunct), the Latin it is typed as (empty: never read from Latin), and how romanization writes it.</summary>
    public sealed record Pair(string Native, string Latin, string Romanized)
    {
        public static Pair Of(string[] entry) => new(entry[0], entry[1], entry.Length > 2 ? entry[2] : entry[1]);
    }

    public sealed record AnusvaraRule(string Letter, string Latin, string BeforeLabials, string AtWordEnd);

    private sealed class ScriptFile
    {
        public required string Script { get; init; }
        public required string FirstLetter { get; init; }
        public required string LastLetter { get; init; }
        public required string Virama { get; init; }
        public required string InherentVowel { get; init; }
        public bool DropFinalInherentVowel { get; init; }
        public required AnusvaraRule Anusvara { get; init; }
        public List<string> Labials { get; init; } = [];
        public List<string[]> FinalFromLatin { get; init; } = [];
        public List<string[]> FinalVowelsFromLatin { get; init; } = [];
        public required List<string[]> Consonants { get; init; }
        public required List<string[]> Vowels { get; init; }
        public required List<string[]> VowelSigns { get; init; }
        public List<string[]> Signs { get; init; } = [];

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Comment { get; init; }
    }
}
