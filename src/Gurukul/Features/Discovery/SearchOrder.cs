using System.Security.Cryptography;
using System.Text.Json;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Discovery;

/// <summary>One mentor of a result before it becomes a card: the id and every value some order sorts by.</summary>
public sealed class SearchRow
{
    public Guid Id { get; init; }
    public double Score { get; init; }
    public decimal Rating { get; init; }
    public int RatingCount { get; init; }

    /// <summary>0 for rupee rates, 1 for any other currency: prices are only compared within a currency.</summary>
    public int CurrencyRank { get; init; }
    public string Currency { get; init; } = "";
    public long Amount { get; init; }
    public int Experience { get; init; }
}

/// <summary>
/// The five orders, each ending in the id so that no two mentors tie, and keyset paging over them: a page starts after
/// the last row of the previous one, by value, so mentors added or removed meanwhile never shift it (no repeats, no
/// gaps). Rupee rates come first in both price orders, then other currencies, each by amount.
/// </summary>
public static class SearchOrder
{
    public static IOrderedQueryable<SearchRow> Apply(IQueryable<SearchRow> rows, MentorSort sort) => sort switch
    {
        MentorSort.Relevance => rows.OrderByDescending(r => r.Score).ThenByDescending(r => r.Rating).ThenByDescending(r => r.RatingCount).ThenBy(r => r.Id),
        MentorSort.PriceAsc => rows.OrderBy(r => r.CurrencyRank).ThenBy(r => r.Currency).ThenBy(r => r.Amount).ThenBy(r => r.Id),
        MentorSort.PriceDesc => rows.OrderBy(r => r.CurrencyRank).ThenBy(r => r.Currency).ThenByDescending(r => r.Amount).ThenBy(r => r.Id),
        MentorSort.Experience => rows.OrderByDescending(r => r.Experience).ThenBy(r => r.Id),
        _ => rows.OrderByDescending(r => r.Rating).ThenByDescending(r => r.RatingCount).ThenBy(r => r.Id),
    };

    /// <summary>The rows that come after <paramref name="last"/> in <paramref name="sort"/>.</summary>
    // string.Compare and Guid.CompareTo translate to the database's own ordering of those columns, the one ORDER BY uses.
#pragma warning disable CA1309
    public static IQueryable<SearchRow> After(IQueryable<SearchRow> rows, MentorSort sort, SearchRow last) => sort switch
    {
        MentorSort.Relevance => rows.Where(r => r.Score < last.Score || (r.Score == last.Score && (r.Rating < last.Rating
            || (r.Rating == last.Rating && (r.RatingCount < last.RatingCount || (r.RatingCount == last.RatingCount && r.Id.CompareTo(last.Id) > 0)))))),
        MentorSort.PriceAsc => rows.Where(r => r.CurrencyRank > last.CurrencyRank || (r.CurrencyRank == last.CurrencyRank
            && (string.Compare(r.Currency, last.Currency) > 0 || (r.Currency == last.Currency
                && (r.Amount > last.Amount || (r.Amount == last.Amount && r.Id.CompareTo(last.Id) > 0)))))),
        MentorSort.PriceDesc => rows.Where(r => r.CurrencyRank > last.CurrencyRank || (r.CurrencyRank == last.CurrencyRank
            && (string.Compare(r.Currency, last.Currency) > 0 || (r.Currency == last.Currency
                && (r.Amount < last.Amount || (r.Amount == last.Amount && r.Id.CompareTo(last.Id) > 0)))))),
        MentorSort.Experience => rows.Where(r => r.Experience < last.Experience || (r.Experience == last.Experience && r.Id.CompareTo(last.Id) > 0)),
        _ => rows.Where(r => r.Rating < last.Rating
            || (r.Rating == last.Rating && (r.RatingCount < last.RatingCount || (r.RatingCount == last.RatingCount && r.Id.CompareTo(last.Id) > 0)))),
    };
#pragma warning restore CA1309
}

/// <summary>
/// Cursors are the sort keys of a page's last row, encrypted and signed with the app's data-protection keys (shared by
/// every node): opaque, base64url, and any change to one makes it invalid (400 naming <c>cursor</c>). A cursor belongs
/// to the order it was made for.
/// </summary>
public sealed class SearchCursors(IDataProtectionProvider protection, IStringLocalizer<Strings> text)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Gurukul.Discovery.MentorSearchCursor.v1");

    public string Write(MentorSort sort, SearchRow last) =>
        _protector.Protect(JsonSerializer.Serialize(new CursorData(MentorSearchQuery.SortName(sort), last)));

    public SearchRow Read(string cursor, MentorSort sort)
    {
        try
        {
            var data = JsonSerializer.Deserialize<CursorData>(_protector.Unprotect(cursor));
            if (data?.Sort == MentorSearchQuery.SortName(sort) && data.Last is { } last)
            {
                return last;
            }
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            // Fall through: any cursor we did not make, or made for another order, gets the same answer.
        }

        throw new ValidationException("cursor", text["validation.cursor"]);
    }

    private sealed record CursorData(string Sort, SearchRow Last);
}
