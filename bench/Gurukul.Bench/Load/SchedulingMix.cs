using System.Globalization;
using System.Text.Json;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Load;

/// <summary>
/// Scheduling as visitors use it (issue 10): a mentor's month of slots through the API, a public profile with its calendar,
/// and searches with an availability window ("free this week", a day, an evening), each with or without other filters.
/// Mentors are drawn from a pool of public slugs the API lists before the run.
/// </summary>
public static class SchedulingMix
{
    public const string Slots = "GET /api/v1/mentors/{slug}/slots (31 days)";
    public const string Profile = "GET /mentors/{slug} (page with calendar)";
    public const string Search = "GET /api/v1/mentors?availableFrom&availableTo";

    private static readonly WeightedSet<string> ViewerZones = WeightedSet.From(new Dictionary<string, double>
    {
        ["Asia/Kolkata"] = 80, ["Europe/London"] = 5, ["America/New_York"] = 5, ["Asia/Dubai"] = 5, ["Australia/Sydney"] = 5,
    });

    /// <summary>Public slugs from the search API: a few hundred pages across orders and subjects, so the pool spreads over the marketplace.</summary>
    public static async Task<List<string>> SlugPoolAsync(HttpClient http, SearchQueries queries, int seed)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var draw = Draw.For(seed, 6, 0);
        for (var i = 0; i < 60; i++)
        {
            var sort = draw.Pick(["rating", "price_asc", "price_desc", "experience"]);
            var path = i < 20 ? $"/api/v1/mentors?limit=100&sort={sort}" : $"/api/v1/mentors{queries.Search(draw).QueryString}";
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(path);
            }
            catch (TaskCanceledException)
            {
                // The first search of a node loads its indexes (tens of seconds on a busy machine): ask again.
                continue;
            }

            using var answered = response;
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            using var page = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            foreach (var card in page.RootElement.GetProperty("items").EnumerateArray())
            {
                slugs.Add(card.GetProperty("slug").GetString()!);
            }
        }

        if (slugs.Count == 0)
        {
            throw new BenchException("The search API listed no public mentors: generate the marketplace first.");
        }

        Console.WriteLine($"Slug pool: {slugs.Count:N0} public mentors.");
        return [.. slugs];
    }

    public static Func<LoadClient, Task> Operation(SearchQueries queries, IReadOnlyList<string> slugs)
    {
        var operations = WeightedSet.From(new Dictionary<int, double> { [0] = 35, [1] = 30, [2] = 35 });
        return async client =>
        {
            var draw = client.Draw;
            var slug = draw.Pick(slugs);
            var zone = draw.Weighted(ViewerZones);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            switch (draw.Weighted(operations))
            {
                case 0:
                    var from = today.AddDays(draw.Chance(0.7) ? 0 : draw.Between(1, 40));
                    (await client.GetAsync(Slots, "", $"/api/v1/mentors/{slug}/slots?from={Iso(from)}&to={Iso(from.AddDays(30))}&timezone={Uri.EscapeDataString(zone)}",
                        null, root => root.TryGetProperty("days", out var days) && days.ValueKind == JsonValueKind.Array))?.Dispose();
                    break;
                case 1:
                    var query = draw.Chance(0.5) ? "" : $"?tz={Uri.EscapeDataString(zone)}";
                    (await client.GetAsync(Profile, "", $"/mentors/{slug}{query}", null, _ => true))?.Dispose();
                    break;
                default:
                    var (window, variant) = Window(draw, today);
                    var filters = draw.Chance(0.5) ? queries.Search(draw).QueryString : "";
                    var separator = filters.Length == 0 ? "?" : "&";
                    (await client.GetAsync(Search, variant, $"/api/v1/mentors{filters}{separator}{window}", null,
                        root => root.TryGetProperty("items", out _) && root.TryGetProperty("total", out _)))?.Dispose();
                    break;
            }
        };
    }

    /// <summary>Mostly "free this week" (from now), sometimes one day, sometimes an evening of one of the coming days.</summary>
    private static (string Query, string Variant) Window(Draw draw, DateOnly today)
    {
        var now = DateTime.UtcNow;
        switch (draw.Unit())
        {
            case < 0.6:
                return ($"availableFrom={Instant(now)}&availableTo={Instant(now.AddDays(7))}", "free this week");
            case < 0.85:
                var day = today.AddDays(draw.Between(1, 14));
                return ($"availableFrom={Iso(day)}&availableTo={Iso(day)}", "one day");
            default:
                // 18:00–21:00 in India is 12:30–15:30 UTC.
                var evening = today.AddDays(draw.Between(0, 14)).ToDateTime(new TimeOnly(12, 30), DateTimeKind.Utc);
                return ($"availableFrom={Instant(evening)}&availableTo={Instant(evening.AddHours(3))}", "an evening");
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
