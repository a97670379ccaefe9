using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Gurukul.Features.Mentors.Pages.Profile;

/// <summary>
/// schema.org JSON-LD for a public profile: a <c>ProfilePage</c> whose main entity is the mentor as a <c>Person</c>.
/// The rating belongs to the mentoring they offer (a <c>Service</c>): schema.org has no <c>aggregateRating</c> on a person.
/// </summary>
public static class ProfileStructuredData
{
    // Every script's letters stay readable; the encoder still writes <, >, & and ' as \u escapes, which is what keeps
    // "</script>" in a bio from ending the element the JSON sits in.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Json(PublicMentorProfile mentor, string pageUrl, string? imageUrl)
    {
        var service = new JsonObject { ["@type"] = "Service", ["serviceType"] = "Mentoring", ["name"] = mentor.Headline };
        if (mentor.RatingCount > 0)
        {
            service["aggregateRating"] = new JsonObject
            {
                ["@type"] = "AggregateRating", ["ratingValue"] = mentor.RatingAverage, ["ratingCount"] = mentor.RatingCount,
                ["bestRating"] = 5, ["worstRating"] = 1,
            };
        }

        var person = new JsonObject
        {
            ["@type"] = "Person",
            ["@id"] = pageUrl + "#mentor",
            ["name"] = mentor.Name,
            ["jobTitle"] = mentor.Headline,
            ["description"] = mentor.Bio,
            ["url"] = pageUrl,
            ["knowsLanguage"] = new JsonArray([.. mentor.Languages.Select(l =>
                new JsonObject { ["@type"] = "Language", ["name"] = l.EnglishName, ["alternateName"] = l.Code })]),
            ["knowsAbout"] = new JsonArray([.. mentor.Subjects.Select(s => s.Name).Concat(mentor.ExpertiseAreas)
                .Distinct(StringComparer.Ordinal).Select(topic => JsonValue.Create(topic))]),
            ["address"] = Address(mentor),
            ["makesOffer"] = new JsonObject
            {
                ["@type"] = "Offer",
                ["itemOffered"] = service,
                ["priceSpecification"] = new JsonObject
                {
                    ["@type"] = "UnitPriceSpecification", ["price"] = mentor.HourlyRate.Major, ["priceCurrency"] = mentor.HourlyRate.Currency,
                    ["unitCode"] = "HUR",
                },
            },
        };
        if (imageUrl is not null)
        {
            person["image"] = imageUrl;
        }

        if (mentor.Company is not null)
        {
            person["worksFor"] = new JsonObject { ["@type"] = "Organization", ["name"] = mentor.Company };
        }

        if (mentor.University is not null)
        {
            person["alumniOf"] = new JsonObject { ["@type"] = "CollegeOrUniversity", ["name"] = mentor.University };
        }

        var page = new JsonObject { ["@context"] = "https://schema.org", ["@type"] = "ProfilePage", ["url"] = pageUrl, ["mainEntity"] = person };
        return page.ToJsonString(Options);
    }

    private static JsonObject Address(PublicMentorProfile mentor)
    {
        var address = new JsonObject { ["@type"] = "PostalAddress", ["addressCountry"] = mentor.Country };
        if (mentor.City is not null)
        {
            address["addressLocality"] = mentor.City;
        }

        if (mentor.State is not null)
        {
            address["addressRegion"] = mentor.State;
        }

        return address;
    }
}
