using Gurukul.Features.Places.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Places;

/// <summary>City suggestions from GeoNames' places of India (ADR 0023): for the API, and as datalist options for the forms.</summary>
public static class PlaceEndpoints
{
    public const int MaxSuggestions = 10;

    public static IEndpointRouteBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/places/cities", Cities).WithName("SuggestCities").WithTags("Places").AllowAnonymous()
            .WithSummary("Cities and towns of India whose name starts with q, in any common spelling or script (Hyder, Vizag, హైద)")
            .WithDescription("Most populous first, at most limit (1–10, default 10). matched is the alternate name the text matched, "
                + "when not the place's own name. Place names: GeoNames (www.geonames.org), CC BY 4.0.");

        // The options of a city field's datalist, fetched by htmx as the visitor types: whatever the field is called.
        app.MapGet("/places/city-options", (HttpContext http) =>
            {
                var typed = http.Request.Query.Where(p => p.Key.EndsWith("city", StringComparison.OrdinalIgnoreCase))
                    .Select(p => p.Value.ToString()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                return new RazorComponentResult<CityOptions>(new { Suggestions = PlaceDirectory.India.Suggest(typed, MaxSuggestions) });
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static Ok<CitySuggestionsDto> Cities(string? q, int? limit) =>
        TypedResults.Ok(new CitySuggestionsDto(
            [.. PlaceDirectory.India.Suggest(q, Math.Clamp(limit ?? MaxSuggestions, 1, MaxSuggestions))
                .Select(s => new CityDto(s.Place.Id, s.Place.Name, s.Place.State, PlaceDirectory.Country, s.Matched))],
            PlaceDirectory.India.Attribution));
}

/// <summary>A city: its GeoNames id, name, state, country, and the alternate name that matched (Vizag), if not its own.</summary>
public sealed record CityDto(int Id, string Name, string? State, string Country, string? Matched);

public sealed record CitySuggestionsDto(IReadOnlyList<CityDto> Items, string Attribution);
