using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Notifications;

/// <summary>A person's notification centre and preferences (API.md <c>/me/notifications</c>, <c>/me/notification-preferences</c>).</summary>
public sealed class NotificationCentre(GurukulDbContext db, RealtimeHub realtime, UnsubscribeLinks unsubscribe, IClock clock, IStringLocalizer<Strings> text)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Newest first; only unread ones with <paramref name="unreadOnly"/>. 400 naming <c>limit</c> or <c>cursor</c> for a bad value.</summary>
    public async Task<NotificationListResponse> ListAsync(string userId, bool unreadOnly, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = limit switch
        {
            null => DefaultLimit,
            >= 1 and <= MaxLimit => limit.Value,
            _ => throw new ValidationException("limit", text["validation.limit", MaxLimit]),
        };
        var mine = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId);
        if (unreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        if (!string.IsNullOrWhiteSpace(cursor))
        {
            // Ids are version-7 GUIDs: their order is their time order.
            var before = Guid.TryParse(cursor, out var id) ? id : throw new ValidationException("cursor", text["validation.cursor"]);
            mine = mine.Where(n => n.Id.CompareTo(before) < 0);
        }

        var page = await mine.OrderByDescending(n => n.Id).Take(take + 1).ToListAsync(cancellationToken);
        var items = page.Take(take).Select(NotificationDto.From).ToList();
        return new NotificationListResponse(items, await UnreadCountAsync(userId, cancellationToken), page.Count > take ? items[^1].Id : null);
    }

    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken) =>
        db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    /// <summary>
    /// Marks the given notifications (ids that are not the caller's are ignored, as if absent), or all of them, read; every
    /// open tab's bell follows. 400 naming <c>ids</c> when the request says neither, or an id is not an id.
    /// </summary>
    public async Task MarkReadAsync(string userId, MarkNotificationsReadRequest request, CancellationToken cancellationToken)
    {
        var unread = db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null);
        if (request.All == true)
        {
            // Everything, whatever ids came along.
        }
        else if (request.Ids is { Count: > 0 and <= MaxLimit } ids)
        {
            var parsed = new List<Guid>();
            for (var i = 0; i < ids.Count; i++)
            {
                parsed.Add(Guid.TryParse(ids[i], out var id) ? id : throw new ValidationException($"ids[{i}]", text["notifications.validation.id"]));
            }

            unread = unread.Where(n => parsed.Contains(n.Id));
        }
        else
        {
            throw new ValidationException("ids", text["notifications.validation.ids", MaxLimit]);
        }

        var now = clock.GetCurrentInstant();
        if (await unread.ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken) > 0)
        {
            await realtime.PublishAsync([userId], RealtimeEventTypes.Notification, new NotificationEvent(null), cancellationToken: cancellationToken);
        }
    }

    /// <summary>Marks one of the caller's notifications read and returns its link; null when it is not theirs (or not an id).</summary>
    public async Task<string?> OpenAsync(string userId, string id, CancellationToken cancellationToken)
    {
        var notification = Guid.TryParse(id, out var guid)
            ? await db.Set<Notification>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == guid && n.UserId == userId, cancellationToken)
            : null;
        if (notification is { ReadAt: null })
        {
            await MarkReadAsync(userId, new MarkNotificationsReadRequest(Ids: [id]), cancellationToken);
        }

        return notification?.Link;
    }

    public async Task<NotificationPreferencesDto> GetPreferencesAsync(string userId, CancellationToken cancellationToken) =>
        ToDto(await db.Set<NotificationPreferences>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken)
            ?? new NotificationPreferences { UserId = userId });

    /// <summary>Replaces every switch; a missing one is a 400 naming its path (<c>email.bookings</c>).</summary>
    public async Task<NotificationPreferencesDto> SetPreferencesAsync(string userId, NotificationPreferencesRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = Switches(errors, "email", request.Email);
        var inApp = Switches(errors, "inApp", request.InApp);
        errors.ThrowIfAny();
        var preferences = await TrackedPreferencesAsync(userId, cancellationToken);
        foreach (var category in NotificationPreferences.Choosable)
        {
            preferences.Set(category, NotificationChannel.Email, email[category]);
            preferences.Set(category, NotificationChannel.InApp, inApp[category]);
        }

        preferences.UpdatedAt = clock.GetCurrentInstant();
        await SaveAsync(cancellationToken);
        return ToDto(preferences);
    }

    /// <summary>What an unsubscribe token would turn off, and for whom; null when it is not a token of ours (or the person is gone).</summary>
    public async Task<UnsubscribeTarget?> ReadUnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (unsubscribe.Read(token) is not { } target)
        {
            return null;
        }

        var email = await db.Users.Where(u => u.Id == target.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            return null;
        }

        var preferences = await db.Set<NotificationPreferences>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == target.UserId, cancellationToken);
        return new UnsubscribeTarget(target.UserId, target.Category, email, preferences?.Allows(target.Category, NotificationChannel.Email) != false);
    }

    /// <summary>Turns the token's category of mail off for its person (no sign-in: the token is the authority). False for a bad token.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        if (await ReadUnsubscribeAsync(token, cancellationToken) is not { } target)
        {
            return false;
        }

        var preferences = await TrackedPreferencesAsync(target.UserId, cancellationToken);
        preferences.Set(target.Category, NotificationChannel.Email, false);
        preferences.UpdatedAt = clock.GetCurrentInstant();
        await SaveAsync(cancellationToken);
        return true;
    }

    private async Task<NotificationPreferences> TrackedPreferencesAsync(string userId, CancellationToken cancellationToken)
    {
        var preferences = await db.Set<NotificationPreferences>().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preferences is null)
        {
            preferences = new NotificationPreferences { UserId = userId };
            db.Add(preferences);
        }

        return preferences;
    }

    // Two first saves of one person's preferences at once: the second finds the row the first inserted and tries again.
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
        {
            throw new ConflictException(text["notifications.preferences_changed_meanwhile"]);
        }
    }

    private Dictionary<NotificationCategory, bool> Switches(FieldErrors errors, string channel, ChannelPreferencesRequest? request)
    {
        var values = new Dictionary<NotificationCategory, bool>();
        if (request is null)
        {
            errors.Add(channel, text["notifications.validation.channel"]);
            return values;
        }

        foreach (var (category, value) in new (NotificationCategory, bool?)[]
        {
            (NotificationCategory.Bookings, request.Bookings), (NotificationCategory.Reminders, request.Reminders),
            (NotificationCategory.Messages, request.Messages), (NotificationCategory.Reviews, request.Reviews),
            (NotificationCategory.Payouts, request.Payouts),
        })
        {
            if (value is { } on)
            {
                values[category] = on;
            }
            else
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{channel}.{NotificationNames.Name(category)}"), text["notifications.validation.switch"]);
            }
        }

        return values;
    }

    private static NotificationPreferencesDto ToDto(NotificationPreferences p) => new(
        new ChannelPreferencesDto(p.EmailBookings, p.EmailReminders, p.EmailMessages, p.EmailReviews, p.EmailPayouts),
        new ChannelPreferencesDto(p.InAppBookings, p.InAppReminders, p.InAppMessages, p.InAppReviews, p.InAppPayouts));
}

/// <summary>Whose mail an unsubscribe link is about, and whether that category's mail is still on.</summary>
public sealed record UnsubscribeTarget(string UserId, NotificationCategory Category, string Email, bool StillSubscribed);

/// <summary>Renders <c>notification</c> events: the notification itself and the viewer's unread count at the moment of sending.</summary>
internal sealed class NotificationEventRenderer(GurukulDbContext db, NotificationCentre centre) : IRealtimeEventRenderer
{
    public string Type => RealtimeEventTypes.Notification;

    public async Task<string?> RenderAsync(RealtimeEvent stored, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var id = JsonSerializer.Deserialize<NotificationEvent>(stored.Data, JsonSerializerOptions.Web)?.NotificationId;
        var notification = id is null
            ? null
            : await db.Set<Notification>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.UserId == stored.UserId, cancellationToken);
        var count = await centre.UnreadCountAsync(stored.UserId, cancellationToken);
        return JsonSerializer.Serialize(
            new NotificationEventDto(notification is null ? null : NotificationDto.From(notification), count), JsonSerializerOptions.Web);
    }
}
