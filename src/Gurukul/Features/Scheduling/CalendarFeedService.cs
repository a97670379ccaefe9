using Gurukul.Platform.Data;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>Each user's private calendar feed (API.md <c>GET/POST /api/v1/me/calendar-feed</c>) and the feed itself.</summary>
public sealed class CalendarFeedService(
    GurukulDbContext db, ICalendarEntrySource entries, IDataProtectionProvider protection, IClock clock, IStringLocalizer<Strings> text)
{
    public const string FeedPath = "/calendar";

    private readonly IDataProtector _protector = protection.CreateProtector("Gurukul.Scheduling.CalendarFeed.v1");

    /// <summary>The user's feed address, made on first use.</summary>
    public async Task<string> UrlAsync(string userId, string baseUrl, CancellationToken cancellationToken)
    {
        var feed = await db.Set<CalendarFeed>().AsNoTracking().SingleOrDefaultAsync(f => f.UserId == userId, cancellationToken);
        return feed is null ? await ReplaceAsync(userId, baseUrl, cancellationToken) : Url(baseUrl, _protector.Unprotect(feed.ProtectedToken));
    }

    /// <summary>A new address; the old one stops working at once.</summary>
    public async Task<string> ReplaceAsync(string userId, string baseUrl, CancellationToken cancellationToken)
    {
        var (token, hash) = CalendarFeed.NewToken();
        var feed = await db.Set<CalendarFeed>().SingleOrDefaultAsync(f => f.UserId == userId, cancellationToken);
        if (feed is null)
        {
            db.Add(new CalendarFeed { UserId = userId, TokenHash = hash, ProtectedToken = _protector.Protect(token), CreatedAt = clock.GetCurrentInstant() });
        }
        else
        {
            feed.TokenHash = hash;
            feed.ProtectedToken = _protector.Protect(token);
            feed.CreatedAt = clock.GetCurrentInstant();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (feed is null)
        {
            // Two first requests at once: the other one's address stands.
            db.ChangeTracker.Clear();
            return await UrlAsync(userId, baseUrl, cancellationToken);
        }

        return Url(baseUrl, token);
    }

    /// <summary>The calendar behind a feed address, or null when the address is not (or no longer) one.</summary>
    public async Task<string?> CalendarAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }

        var hash = CalendarFeed.Hash(token);
        var userId = await db.Set<CalendarFeed>().AsNoTracking().Where(f => f.TokenHash == hash).Select(f => f.UserId).SingleOrDefaultAsync(cancellationToken);
        return userId is null ? null : CalendarFile.Write(text["scheduling.feed.name"], await entries.EntriesAsync(userId, cancellationToken));
    }

    private static string Url(string baseUrl, string token) => $"{baseUrl}{FeedPath}/{token}.ics";
}
