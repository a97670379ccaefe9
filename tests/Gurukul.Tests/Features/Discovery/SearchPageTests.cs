using System.Net;
using System.Text.RegularExpressions;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>The /mentors page without JavaScript: a GET form whose address is the whole search.</summary>
public sealed partial class SearchPageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task FiltersInTheAddress_ShowTheirMentors_KeepTheirChoices_AndSayHowManyWereFound()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var html = await client.GetStringAsync(new Uri("/mentors?q=phisics&language=te&level=school", UriKind.Relative));

        Assert.Equal(["srinivas-rao-kandula"], CardSlugs(html));
        Assert.Contains("<input id=\"search-q\" name=\"q\" type=\"search\" value=\"phisics\"", html, StringComparison.Ordinal);
        Assert.Matches("<option value=\"te\" selected>తెలుగు \\(Telugu\\) · 1</option>", html);
        Assert.Matches("<option value=\"school\" selected>School · 1</option>", html);
        Assert.Contains("role=\"status\" class=\"mt-3 font-semibold\" data-testid=\"search-status\">Mentors found: 1</p>", html, StringComparison.Ordinal);
        Assert.Contains("hx-push-url=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/mentors\">Clear all filters</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowMore_IsALinkToTheNextPageOfTheSameSearch()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();
        var first = await client.GetStringAsync(new Uri("/mentors?language=en&sort=price_asc", UriKind.Relative));
        var next = WebUtility.HtmlDecode(MoreLink().Match(first).Groups[1].Value);

        Assert.StartsWith("/mentors?language=en&sort=price_asc&cursor=", next, StringComparison.Ordinal);
        Assert.EndsWith("&page=2", next, StringComparison.Ordinal);
        var second = await client.GetStringAsync(new Uri(next, UriKind.Relative));
        var fragment = await client.GetStringAsync(new Uri(next.Replace("/mentors?", "/mentors/more?", StringComparison.Ordinal), UriKind.Relative));

        Assert.Equal(12, CardSlugs(first).Count);
        Assert.Empty(CardSlugs(first).Intersect(CardSlugs(second)));
        Assert.Equal(CardSlugs(second), CardSlugs(fragment));
        Assert.Contains("id=\"mentor-page-2\"", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoMatch_SaysSo_AndOffersToClearTheFilters()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var html = await client.GetStringAsync(new Uri("/mentors?q=xqzvw&culture=te", UriKind.Relative));

        Assert.Empty(CardSlugs(html));
        Assert.Contains("దొరికిన మెంటార్లు: 0", html, StringComparison.Ordinal);
        Assert.Contains("ఈ శోధనకు సరిపోయే మెంటార్ ఎవరూ లేరు.", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/mentors\">అన్ని ఫిల్టర్లు తీసివేయండి</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFilter_Is400_WithTheMessageNextToItsField_InTheVisitorsLanguage()
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        var response = await client.GetAsync(new Uri("/mentors?minRating=9&price=cheap&culture=hi", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"search-price\" name=\"price\" aria-invalid=\"true\" aria-describedby=\"search-price-error\"", html, StringComparison.Ordinal);
        Assert.Contains("दी गई शुल्क-सीमाओं में से कोई एक चुनें।", html, StringComparison.Ordinal);
        Assert.Contains("इस खोज के कुछ विकल्प सही नहीं हैं।", html, StringComparison.Ordinal);
        Assert.Empty(CardSlugs(html));
    }

    private static List<string> CardSlugs(string html) => [.. CardLink().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("class=\"card-link[^\"]*\" href=\"/mentors/([^\"]+)\"")]
    private static partial Regex CardLink();

    [GeneratedRegex("<a class=\"btn-secondary\" href=\"([^\"]+)\"")]
    private static partial Regex MoreLink();
}
