using System.Text.Json;
using Gurukul.Bench.Generate;

namespace Gurukul.Bench.Load;

/// <summary>What the clients send. Shapes are API.md's: a 2xx body that does not match is counted as a bad body.</summary>
public static class Mixes
{
    /// <summary>
    /// Discovery as students use it: mostly searches (15% of them then page on through 1–2 more cursor pages), facet
    /// counts beside them, and signed-in students' recommendations.
    /// </summary>
    public static Func<LoadClient, Task> Search(SearchQueries queries)
    {
        var operations = WeightedSet.From(new Dictionary<int, double> { [0] = 65, [1] = 15, [2] = 20 });
        return async client =>
        {
            switch (client.Draw.Weighted(operations))
            {
                case 0:
                    var search = queries.Search(client.Draw);
                    var pages = client.Draw.Chance(0.15) ? client.Draw.Between(1, 2) : 0;
                    var document = await client.GetAsync(LoadClient.Mentors, search.Variant, "/api/v1/mentors" + search.QueryString, null, IsMentorPage, needBody: pages > 0);
                    for (var page = 0; page < pages && NextCursor(document) is { } cursor; page++)
                    {
                        document?.Dispose();
                        var separator = search.QueryString.Length == 0 ? '?' : '&';
                        document = await client.GetAsync(LoadClient.Mentors, "cursor pages 2–3",
                            $"/api/v1/mentors{search.QueryString}{separator}cursor={Uri.EscapeDataString(cursor)}", null, IsMentorPage, needBody: true);
                    }

                    document?.Dispose();
                    break;
                case 1:
                    (await client.GetAsync(LoadClient.Facets, "", "/api/v1/mentors/facets" + queries.Facets(client.Draw), null, IsObject))?.Dispose();
                    break;
                default:
                    (await client.GetAsync(LoadClient.Recommendations, "", "/api/v1/recommendations/mentors?limit=10", client.AnyToken, IsRecommendationList))?.Dispose();
                    break;
            }
        };
    }

    /// <summary>Endpoints that exist before the search API does, to check the tool itself: reference data (public) and /me (bearer).</summary>
    public static Func<LoadClient, Task> Reference()
    {
        var operations = WeightedSet.From(new Dictionary<int, double> { [0] = 35, [1] = 35, [2] = 30 });
        return async client =>
        {
            var document = client.Draw.Weighted(operations) switch
            {
                0 => await client.GetAsync("GET /api/v1/subjects", "", "/api/v1/subjects", null, IsList),
                1 => await client.GetAsync("GET /api/v1/languages", "", "/api/v1/languages", null, IsList),
                _ => await client.GetAsync("GET /api/v1/me", "", "/api/v1/me", client.AnyToken, e => e.TryGetProperty("roles", out _)),
            };
            document?.Dispose();
        };
    }

    private static string? NextCursor(JsonDocument? page) =>
        page is not null && page.RootElement.ValueKind == JsonValueKind.Object && page.RootElement.TryGetProperty("nextCursor", out var cursor)
            && cursor.ValueKind == JsonValueKind.String
            ? cursor.GetString()
            : null;

    private static bool IsObject(JsonElement root) => root.ValueKind == JsonValueKind.Object;

    private static bool IsList(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array;

    // { items: [MentorCard], nextCursor, total }
    private static bool IsMentorPage(JsonElement root) =>
        IsList(root) && root.TryGetProperty("nextCursor", out _) && root.TryGetProperty("total", out _)
        && root.GetProperty("items").EnumerateArray().All(card => card.TryGetProperty("slug", out _) && card.TryGetProperty("hourlyRate", out _));

    // { items: [{ mentor, score, components, reasons }] }
    private static bool IsRecommendationList(JsonElement root) =>
        IsList(root) && root.GetProperty("items").EnumerateArray().All(item =>
            item.TryGetProperty("mentor", out _) && item.TryGetProperty("score", out _) && item.TryGetProperty("components", out _) && item.TryGetProperty("reasons", out _));
}
