using Gurukul.Features.Mentors;
using Xunit;

namespace Gurukul.Tests.Features;

public sealed class SlugsTests
{
    [Theory]
    [InlineData("Dr. Priya Sharma", "dr-priya-sharma")]
    [InlineData("  Srinivas   Rao  Kandula ", "srinivas-rao-kandula")]
    [InlineData("José Fernandes", "jose-fernandes")]
    [InlineData("K. V. S. Lakshmi", "k-v-s-lakshmi")]
    [InlineData("వెంకట్", "mentor")]
    public void From_MakesReadableAsciiSlugs(string name, string expected) => Assert.Equal(expected, Slugs.From(name));

    [Fact]
    public void Unique_WhenTaken_AppendsTheNextNumber()
    {
        var taken = new HashSet<string> { "priya-sharma", "priya-sharma-2" };

        Assert.Equal("priya-sharma-3", Slugs.Unique("priya-sharma", taken.Contains));
        Assert.Equal("ravi-teja", Slugs.Unique("ravi-teja", taken.Contains));
    }
}
