using Gurukul.Platform.Text;
using Xunit;

namespace Gurukul.Tests.Platform.Text;

/// <summary>Damerau–Levenshtein distance and the phonetic keys typos are measured between.</summary>
public sealed class FuzzyMatchingTests
{
    [Theory]
    [InlineData("physics", "phsyics", 1)]   // a swap of neighbours is one edit
    [InlineData("physics", "physcis", 1)]
    [InlineData("physics", "phisics", 1)]
    [InlineData("physics", "physic", 1)]
    [InlineData("physics", "pyhsics", 1)]
    [InlineData("గణితం", "గణతిం", 1)]         // Telugu vowel sign and consonant swapped
    [InlineData("गणित", "गनित", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("ca", "abc", 3)]             // the restricted distance: no edit of a swapped pair again
    [InlineData("kitten", "sitting", 3)]
    public void Distance_CountsSwapsAsOneEdit(string a, string b, int expected) =>
        Assert.Equal(expected, DamerauLevenshtein.Distance(a, b, 5));

    [Fact]
    public void Distance_StopsPastTheLimit() => Assert.Equal(2, DamerauLevenshtein.Distance("mathematics", "economics", 1));

    [Theory]
    [InlineData("physics", "fisics")]
    [InlineData("bhautik", "bhoutik")]
    [InlineData("Sharma", "शर्मा")]
    [InlineData("ganitham", "గణితం")]
    [InlineData("Priya", "ప్రియ")]
    [InlineData("angrezi", "अंग्रेज़ी")]
    [InlineData("Vijayawada", "విజయవాడ")]
    public void Key_SpellingsPeopleUseInterchangeablyMeet(string a, string b) =>
        Assert.Equal(PhoneticKey.Of(a), PhoneticKey.Of(b));

    [Theory]
    [InlineData("physics", "phsyics")]
    [InlineData("physics", "physcis")]
    [InlineData("mathematics", "mathamatics")]
    [InlineData("chemistry", "chemestry")]
    [InlineData("physics", "ఫిజిక్స్")]
    public void Key_TyposStayWithinTheirAllowance(string word, string typo)
    {
        var key = PhoneticKey.Of(word);
        Assert.InRange(DamerauLevenshtein.Distance(key, PhoneticKey.Of(typo), 3), 0, DamerauLevenshtein.AllowedEdits(key.Length));
    }

    [Theory]
    [InlineData("physics", "chemistry")]
    [InlineData("maths", "music")]
    [InlineData("biology", "zoology")]
    public void Key_DifferentWordsStayApart(string a, string b)
    {
        var key = PhoneticKey.Of(a);
        Assert.True(DamerauLevenshtein.Distance(key, PhoneticKey.Of(b), 3) > DamerauLevenshtein.AllowedEdits(key.Length));
    }
}
