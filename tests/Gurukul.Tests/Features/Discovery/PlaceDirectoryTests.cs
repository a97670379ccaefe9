using Gurukul.Features.Places;
using Xunit;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>GeoNames' places of India as shipped (ADR 0023): names in every common spelling and script mean one place.</summary>
public sealed class PlaceDirectoryTests
{
    private static readonly PlaceDirectory India = PlaceDirectory.India;

    [Theory]
    [InlineData("Vizag", "Visakhapatnam")]
    [InlineData("VIZAG ", "Visakhapatnam")]
    [InlineData("Bombay", "Mumbai")]
    [InlineData("Bangalore", "Bengaluru")]
    [InlineData("Bezawada", "Vijayawada")]
    [InlineData("हैदराबाद", "Hyderabad")]
    [InlineData("హైదరాబాదు", "Hyderabad")]
    [InlineData("लखनऊ", "Lucknow")]
    [InlineData("Haidarabad", "Hyderabad")]
    public void Resolve_FindsThePlaceByAnyOfItsNames(string written, string place) => Assert.Equal(place, India.Resolve(written)?.Name);

    [Fact]
    public void Resolve_LeavesUnknownTextAlone()
    {
        Assert.Null(India.Resolve("Atlantis"));
        Assert.Null(India.Resolve("  "));
    }

    [Fact]
    public void Suggest_CompletesThePrefix_MostPopulousFirst_EachPlaceOnce()
    {
        var hyder = India.Suggest("Hyder", 5);
        Assert.Equal("Hyderabad", hyder[0].Place.Name);
        Assert.Null(hyder[0].Matched);
        Assert.Equal(hyder.Count, hyder.Select(s => s.Place.Id).Distinct().Count());
        var vizag = Assert.Single(India.Suggest("vizag", 5), s => s.Place.Name == "Visakhapatnam");
        Assert.Equal("Vizag", vizag.Matched);
        Assert.Equal("Hyderabad", India.Suggest("హైద", 3)[0].Place.Name);
        Assert.Empty(India.Suggest("", 5));
        Assert.True(India.Count > 3000);
        Assert.Contains("GeoNames", India.Attribution, StringComparison.Ordinal);
    }

    [Fact]
    public void SameCity_ComparesPlacesNotSpellings()
    {
        Assert.True(India.SameCity("लखनऊ", "Lucknow"));
        Assert.True(India.SameCity("Kota", "kota"));
        Assert.False(India.SameCity("Pune", "Mumbai"));
        Assert.False(India.SameCity("Lucknow", null));
    }
}
