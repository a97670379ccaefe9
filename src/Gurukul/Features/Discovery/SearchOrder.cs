using System.Buffers.Binary;
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

/// <summary>The values one mentor is ordered by; the id as its two big-endian halves (its text order).</summary>
public readonly record struct SearchKey(
    double Score, decimal Rating, int RatingCount, int CurrencyRank, string Currency, long Amount, int Experience, ulong IdHigh, ulong IdLow)
{
    public static SearchKey Of(SearchRow row)
    {
        Span<byte> bytes = stackalloc byte[16];
        row.Id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new SearchKey(row.Score, row.Rating, row.RatingCount, row.CurrencyRank, row.Currency, row.Amount, row.Experience,
            BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }
}

/// <summary>
/// The five orders, each ending in the id so that no two mentors tie, and keyset paging over them: a page starts after
/// the last row of the previous one, by value, so mentors added or removed meanwhile never shift it (no repeats, no
/// gaps). Rupee rates come first in both price orders, then other currencies, each by amount.
/// </summary>
public static class SearchOrder
{
    /// <summary>Negative when <paramref name="a"/> comes first in <paramref name="sort"/>.</summary>
    public static int Compare(in SearchKey a, in SearchKey b, MentorSort sort)
    {
        var order = sort switch
        {
            MentorSort.Relevance => Chain(b.Score.CompareTo(a.Score), b.Rating.CompareTo(a.Rating), b.RatingCount.CompareTo(a.RatingCount)),
            MentorSort.PriceAsc => Chain(a.CurrencyRank.CompareTo(b.CurrencyRank), string.CompareOrdinal(a.Currency, b.Currency), a.Amount.CompareTo(b.Amount)),
            MentorSort.PriceDesc => Chain(a.CurrencyRank.CompareTo(b.CurrencyRank), string.CompareOrdinal(a.Currency, b.Currency), b.Amount.CompareTo(a.Amount)),
            MentorSort.Experience => b.Experience.CompareTo(a.Experience),
            _ => Chain(b.Rating.CompareTo(a.Rating), b.RatingCount.CompareTo(a.RatingCount), 0),
        };
        return order != 0 ? order : Chain(a.IdHigh.CompareTo(b.IdHigh), a.IdLow.CompareTo(b.IdLow), 0);
    }

    /// <summary>
    /// Up to <paramref name="take"/> mentors of <paramref name="matches"/>, in the order of <paramref name="order"/>
    /// (positions, with the relevance scores when the order is by relevance), starting after <paramref name="after"/>.
    /// The start is found by binary search on the keys, so a cursor whose mentor has since changed or gone still starts
    /// at the right place; the walk then skips non-matches, well under a millisecond even when few of 100,000 match.
    /// </summary>
    public static List<(int Position, double Score)> Page(
        SearchSnapshot snapshot, SearchBits matches, int[] order, double[]? scores, MentorSort sort, SearchRow? after, int take)
    {
        var start = 0;
        if (after is not null)
        {
            var last = SearchKey.Of(after);
            var end = order.Length;
            while (start < end)
            {
                var middle = (start + end) >>> 1;
                if (Compare(snapshot.Key(order[middle], scores?[middle] ?? 0), last, sort) <= 0)
                {
                    start = middle + 1;
                }
                else
                {
                    end = middle;
                }
            }
        }

        var page = new List<(int, double)>(take);
        for (var i = start; i < order.Length && page.Count < take; i++)
        {
            if (matches[order[i]])
            {
                page.Add((order[i], scores?[i] ?? 0));
            }
        }

        return page;
    }

    private static int Chain(int first, int second, int third) => first != 0 ? first : second != 0 ? second : third;
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
