using Gurukul.Platform.Text;
using Xunit;

namespace Gurukul.Tests.Platform.Text;

/// <summary>The table-driven transliterator (Platform/Text/Scripts/*.json): romanization as people type, and back.</summary>
public sealed class TransliteratorTests
{
    [Theory]
    [InlineData("प्रिया शर्मा", "priya sharma")]
    [InlineData("राम", "ram")]
    [InlineData("भौतिक विज्ञान", "bhautik vigyan")]
    [InlineData("गणित", "ganit")]
    [InlineData("हिंदी", "hindi")]
    [InlineData("लखनऊ", "lakhanau")]
    [InlineData("क्षेत्र", "kshetr")]
    [InlineData("संबंध", "sambandh")]
    [InlineData("न", "na")]
    public void ToLatin_Devanagari_WritesWordsAsTyped(string native, string latin) =>
        Assert.Equal(latin, Transliterator.ToLatin(native));

    [Theory]
    [InlineData("భౌతిక శాస్త్రం", "bhautika shastram")]
    [InlineData("గణితం", "ganitam")]
    [InlineData("ప్రియ శర్మ", "priya sharma")]
    [InlineData("లక్ష్మి", "lakshmi")]
    [InlineData("హైదరాబాదు", "haidarabadu")]
    [InlineData("విశాఖపట్నం", "vishakhapatnam")]
    public void ToLatin_Telugu_KeepsTheFinalVowel(string native, string latin) =>
        Assert.Equal(latin, Transliterator.ToLatin(native));

    [Fact]
    public void ToLatin_LeavesOtherScriptsAndPunctuationAlone() =>
        Assert.Equal("JEE bhautiki, Tamil: இயற்பியல்", Transliterator.ToLatin("JEE भौतिकी, Tamil: இயற்பியல்"));

    [Theory]
    [InlineData("kamal", "Deva", "कमल")]
    [InlineData("priya", "Deva", "प्रिया")]
    [InlineData("hindi", "Deva", "हिंदी")]
    [InlineData("sharma", "Deva", "शर्मा")]
    [InlineData("namaste", "Deva", "नमस्ते")]
    [InlineData("ganitham", "Telu", "గనితం")]
    [InlineData("sarath", "Telu", "సరత్")]
    [InlineData("amma", "Telu", "అమ్మ")]
    [InlineData("geetha", "Telu", "గీత")]
    public void FromLatin_WritesTheLikeliestSpelling(string latin, string script, string native) =>
        Assert.Equal(native, Transliterator.FromLatin(latin, script));

    [Fact]
    public void FromLatin_UnknownScript_IsNull() => Assert.Null(Transliterator.FromLatin("ram", "Taml"));

    [Theory]
    [InlineData("प्रिया")]
    [InlineData("శర్మ")]
    [InlineData("తెలుగు")]
    public void RoundTrip_LatinBackToTheScript_GivesTheSameWord(string native)
    {
        var script = native[0] >= '\u0C00' ? "Telu" : "Deva";
        Assert.Equal(native, Transliterator.FromLatin(Transliterator.ToLatin(native), script));
    }
}
