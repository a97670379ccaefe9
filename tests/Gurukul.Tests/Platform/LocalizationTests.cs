using System.Text.RegularExpressions;
using Gurukul.Platform.Localization;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed partial class LocalizationTests
{
    private static readonly JsonStringCatalog Catalog = new();

    [Fact]
    public void Catalog_OffersEnglishHindiAndTelugu()
    {
        Assert.Equal(["en", "hi", "te"], Catalog.Cultures);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("te")]
    public void EveryEnglishString_IsTranslated_WithTheSamePlaceholders(string culture)
    {
        var english = Catalog.StringsFor("en");
        var translated = Catalog.StringsFor(culture);

        var missing = english.Keys.Except(translated.Keys).ToList();
        var extra = translated.Keys.Except(english.Keys).ToList();
        Assert.True(missing.Count == 0, $"{culture} lacks: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"{culture} has keys English does not: {string.Join(", ", extra)}");
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(translated[key]), $"{culture}:{key} is empty");
            Assert.Equal(Placeholders(text), Placeholders(translated[key]));
        }
    }

    private static List<string> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
