using Gurukul.Platform.Data;

namespace Gurukul.Features.Notifications;

/// <summary>The names categories have in the API (<c>bookings</c>, <c>reminders</c> …) and the keys of their UI labels.</summary>
public static class NotificationNames
{
    public static string Name(NotificationCategory category) => SnakeCaseNames.ToSnakeCase(category.ToString());

    public static bool TryParse(string? name, out NotificationCategory category)
    {
        category = default;
        return name is not null && Enum.TryParse(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out category)
            && NotificationPreferences.Choosable.Contains(category) && Name(category) == name;
    }

    public static string CategoryKey(NotificationCategory category) => "notifications.category." + Name(category);
}

/// <summary>The site paths of the notification pages.</summary>
public static class NotificationPaths
{
    public const string Centre = "/notifications";
    public const string Preferences = "/notifications/preferences";

    /// <summary>The page a person reaches from the unsubscribe link in a mail's footer: it asks before it unsubscribes.</summary>
    public const string Unsubscribe = "/unsubscribe";

    /// <summary>The RFC 8058 one-click target in <c>List-Unsubscribe</c>: a POST unsubscribes, a GET shows the page.</summary>
    public const string OneClick = "/unsubscribe/one-click";
}
