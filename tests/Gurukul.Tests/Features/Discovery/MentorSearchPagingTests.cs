using System.Net;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Discovery.SearchSetup;

namespace Gurukul.Tests.Features.Discovery;

/// <summary>Keyset pages (nextCursor) and the 400s for every value a client may get wrong.</summary>
public sealed class MentorSearchPagingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly string[] Sorts = ["relevance", "rating", "price_asc", "price_desc", "experience"];

    [Theory, AllProviders]
    public async Task Cursor_WalksEveryMentorOnce_InEveryOrder_WhileOthersAreAdded(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var marker = Marker();
        var original = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            // Ties on purpose (same rate, rating or experience as a neighbour): the id must settle them the same way every page.
            original.Add(await InsertApprovedAsync(app, $"Walker {i}", i % 3 == 0 ? $"{marker} {marker}" : marker, 40000 + (i / 2 * 10000), 2 + (i % 4), 4 + (i % 2 / 2m)));
        }

        var added = 0;
        foreach (var sort in Sorts)
        {
            var before = Slugs(await GetAsync(client, $"{Q(marker)}&sort={sort}&limit=100"));
            var seen = new List<string>();
            string? cursor = null;
            for (var pages = 0; pages == 0 || cursor is not null; pages++)
            {
                Assert.True(pages < 100, $"{sort}: the walk does not end");
                var page = await GetAsync(client, $"{Q(marker)}&sort={sort}&limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                seen.AddRange(Slugs(page));
                Assert.Equal(before.Count + Math.Min(pages, 3), page.GetProperty("total").GetInt32());
                if (pages < 3)
                {
                    // Someone joins between the first pages, ranked anywhere: before the cursor, after it, or level with it.
                    added++;
                    await InsertApprovedAsync(app, $"Joiner {added}", marker, 30000 + (added % 5 * 20000), added % 6, (added % 3) + 3m);
                }

                cursor = page.GetProperty("nextCursor").GetString();
            }

            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(before, seen.Where(before.Contains));
        }
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { "sort=cheapest", "sort" },
        { "minRating=5.5", "minRating" },
        { "minRating=-1", "minRating" },
        { "minRating=four", "minRating" },
        { "minRate=-100", "minRate" },
        { "maxRate=1.5", "maxRate" },
        { "minRate=90000&maxRate=50000", "maxRate" },
        { "level=phd", "level" },
        { "availableFrom=2026-13-01", "availableFrom" },
        { "availableTo=next%20week", "availableTo" },
        { "availableFrom=2026-12-09&availableTo=2026-12-08", "availableTo" },
        { "q=" + new string('a', 201), "q" },
        { "limit=0", "limit" },
        { "limit=101", "limit" },
        { "cursor=not-a-cursor", "cursor" },
        { "subject=Physics!", "subject" },
        { "language=telugu", "language" },
        { "currency=RUPEES", "currency" },
        { "country=IND", "country" },
        { "state=" + new string('s', 81), "state" },
        { "minExperience=51", "minExperience" },
    };

    [Theory, MemberData(nameof(BadValues))]
    public async Task BadValue_Is400_NamingTheParameter_OnListAndFacets(string query, string field)
    {
        var client = (await fixture.For(DatabaseProvider.Sqlite)).CreateClient();

        foreach (var path in new[] { "/api/v1/mentors", "/api/v1/mentors/facets" })
        {
            if (path.EndsWith("facets", StringComparison.Ordinal) && field is "cursor" or "limit" or "sort")
            {
                continue;
            }

            var problem = await GetAsync(client, query, HttpStatusCode.BadRequest, path);
            Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty(field)[0].GetString()));
        }
    }

    [Theory, AllProviders]
    public async Task Cursor_Tampered_OrFromAnotherOrder_Is400NamingCursor(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();
        var cursor = (await GetAsync(client, "sort=price_asc&limit=3")).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..20] + (cursor[20] == 'A' ? 'B' : 'A') + cursor[21..];

        Assert.Equal(3, Slugs(await GetAsync(client, "sort=price_asc&limit=3&cursor=" + cursor)).Count);
        foreach (var query in new[] { "sort=price_asc&cursor=" + tampered, "sort=price_desc&cursor=" + cursor, "sort=price_asc&cursor=" + cursor[..^4] })
        {
            var problem = await GetAsync(client, query, HttpStatusCode.BadRequest);
            Assert.Equal(["cursor"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    [Theory, AllProviders]
    public async Task ManyBadValues_AreAllNamedInOneAnswer(DatabaseProvider provider)
    {
        var client = (await fixture.For(provider)).CreateClient();

        var problem = await GetAsync(client, "sort=best&minRating=9&level=phd&limit=500", HttpStatusCode.BadRequest);

        Assert.Equal(["level", "limit", "minRating", "sort"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.String, problem.GetProperty("title").ValueKind);
    }
}
