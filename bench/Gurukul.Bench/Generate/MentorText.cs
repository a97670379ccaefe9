using System.Globalization;
using System.Text.RegularExpressions;
using Gurukul.Bench.Catalog;

namespace Gurukul.Bench.Generate;

/// <summary>
/// Headlines and bios: English sentences from the mentor's archetype with their details filled in; for some mentors whose
/// first language is an Indian language, the text is written in that script, or an English bio ends with a line in it.
/// </summary>
public sealed partial class MentorText(Catalogs catalogs, ReferenceSeed reference)
{
    private static readonly Dictionary<string, string> LanguageSubjects = new(StringComparer.Ordinal)
    {
        ["spoken-telugu"] = "Telugu", ["school-telugu"] = "Telugu", ["school-tamil"] = "Tamil",
        ["spoken-hindi"] = "Hindi", ["school-hindi"] = "Hindi", ["school-sanskrit"] = "Sanskrit",
    };

    private static readonly HashSet<string> ExamCategories = new(StringComparer.Ordinal) { "entrance-exams", "board-exams", "civil-services", "postgraduate-entrance" };

    public sealed record Context(Persona Persona, List<string> Subjects, int Years, string City, string? Company, string? University, string PrimaryLanguage, bool Female);

    public (string Headline, string Bio) Write(Draw draw, Context context)
    {
        var values = Values(context);
        var english = (Headline: Fill(draw, context.Persona.Headlines, values), Bio: EnglishBio(draw, context, values));
        if (!catalogs.Native.Languages.TryGetValue(context.PrimaryLanguage, out var native))
        {
            return english;
        }

        var roll = draw.Unit();
        if (roll < 0.12)
        {
            var sentences = draw.DistinctZipf(native.Sentences, draw.Between(2, 4), 0.3).Select(s => Gendered(s, context.Female));
            return (NativeHeadline(draw, native, context), Native(string.Join(" ", sentences), native, context));
        }

        return roll < 0.30
            ? (draw.Chance(0.4) ? NativeHeadline(draw, native, context) : english.Headline,
               english.Bio + " " + Native(Gendered(draw.Pick(native.Sentences), context.Female), native, context))
            : english;
    }

    private string EnglishBio(Draw draw, Context context, Dictionary<string, string?> values)
    {
        var persona = context.Persona;
        var parts = new List<string> { Fill(draw, persona.Openings, values), Fill(draw, persona.Methods, values) };
        if (draw.Chance(0.5))
        {
            var another = Fill(draw, persona.Methods, values);
            if (!parts.Contains(another))
            {
                parts.Add(another);
            }
        }

        parts.Add(Fill(draw, persona.Audiences, values));
        parts.Add(draw.Pick(catalogs.Personas.Closings));
        return string.Join(" ", parts.Where(p => p.Length > 0));
    }

    private string NativeHeadline(Draw draw, NativeLanguage native, Context context)
    {
        var choices = new List<string>(native.Headlines);
        if (context.Persona.Levels.Contains("school") && Topic(context) != "general")
        {
            choices.AddRange(native.SchoolHeadlines);
        }

        return Native(draw.Pick(choices), native, context);
    }

    private string Native(string template, NativeLanguage native, Context context)
    {
        var subject = native.Subjects.TryGetValue(Topic(context), out var word) ? word : reference.Prose(context.Subjects[0]);
        return template.Replace("{subject}", subject, StringComparison.Ordinal)
            .Replace("{years}", Math.Max(1, context.Years).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private string Topic(Context context) =>
        catalogs.Native.Topics.TryGetValue(context.Subjects[0], out var topic) ? topic : context.Persona.Topic;

    private static string Gendered(List<string> sentence, bool female) => sentence[female && sentence.Count > 1 ? 1 : 0];

    private Dictionary<string, string?> Values(Context context)
    {
        var exam = context.Subjects.FirstOrDefault(s => ExamCategories.Contains(reference.Category(s)));
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["yearsPhrase"] = context.Years switch { 0 => "less than a year", 1 => "one year", var n => $"{n} years" },
            ["city"] = context.City,
            ["company"] = context.Company,
            ["university"] = context.University,
            ["s1"] = reference.Prose(context.Subjects[0]),
            ["s2"] = context.Subjects.Count > 1 ? reference.Prose(context.Subjects[1]) : null,
            ["exam"] = exam is null ? null : reference.Prose(exam),
            ["lang"] = LanguageSubjects.GetValueOrDefault(context.Subjects[0])
                ?? reference.LanguageNames[context.PrimaryLanguage],
        };
    }

    /// <summary>A template whose placeholders all have values (no "at {company}" for someone without one), filled in.</summary>
    private static string Fill(Draw draw, List<string> templates, Dictionary<string, string?> values)
    {
        var usable = templates.Where(t => Placeholder().Matches(t).All(m => values.GetValueOrDefault(m.Groups[1].Value) is not null)).ToList();
        if (usable.Count == 0)
        {
            throw new InvalidOperationException($"No template fits: every one of \"{templates[0]}\"… needs a detail this mentor lacks.");
        }

        return Placeholder().Replace(draw.Pick(usable), m => values[m.Groups[1].Value]!);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
