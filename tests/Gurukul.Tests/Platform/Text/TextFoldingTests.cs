using Gurukul.Platform.Text;
using Xunit;

namespace Gurukul.Tests.Platform.Text;

/// <summary>Normalization at both ends of matching: NFC/NFKC, nukta and vowel-sign variants, joiners, Indic digits, case.</summary>
public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("अंग्रेज़ी", "अंग्रेजी")]                     // nukta letter typed as ज + ़
    [InlineData("\u095B", "\u091C")]                        // precomposed ज़ (U+095B)
    [InlineData("हँसी", "हंसी")]                             // candrabindu and anusvara
    [InlineData("ऑफ़िस", "ओफिस")]                            // candra o and nukta
    [InlineData("డా\u0C01క్టర్", "డాంక్టర్")]                  // Telugu arasunna
    [InlineData("క్\u200Cష", "క్ష")]                          // ZWNJ
    [InlineData("क्\u200Dष", "क्ष")]                          // ZWJ
    [InlineData("२०२६ ౨౦౨౬", "2026 2026")]                 // Devanagari and Telugu digits
    [InlineData("PHYSICS ﬁne", "physics fine")]             // case, compatibility ligature
    [InlineData("Cafe\u0301", "café")]                       // combining accent composed
    public void Fold_TreatsVariantsPeopleConsiderTheSameAsOne(string written, string folded) =>
        Assert.Equal(TextFolding.Fold(folded), TextFolding.Fold(written));

    [Fact]
    public void Fold_KeepsDifferentWordsDifferent()
    {
        Assert.NotEqual(TextFolding.Fold("गणित"), TextFolding.Fold("गणना"));
        Assert.NotEqual(TextFolding.Fold("పాఠం"), TextFolding.Fold("పాటం"));
    }
}
