using System.ComponentModel;
using Gurukul.Features.Mentors;
using Microsoft.AspNetCore.Mvc;

namespace Gurukul.Features.Matching;

/// <summary><c>POST /api/v1/me/mentor-preferences/{mentorId}</c>: what the student says about the mentor.</summary>
public sealed record MentorPreferenceRequest([property: Description("favorite, unfavorite, hide or unhide.")] string? Action);

/// <summary>
/// The query of <c>GET /api/v1/me/mentor-preferences</c>, as sent: text, so that a bad value is a 400 naming its parameter
/// rather than a binding failure.
/// </summary>
public sealed record MentorPreferenceListRequest
{
    [Description("favorite (the default) or hidden.")]
    [FromQuery(Name = "kind")]
    public string? Kind { get; init; }

    [Description("Page size, 1 to 100 (20 by default).")]
    [FromQuery(Name = "limit")]
    public string? Limit { get; init; }

    [Description("nextCursor of the previous page, unchanged.")]
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }
}

/// <summary>Which of the student's two lists.</summary>
public enum MentorPreferenceKind
{
    Favorite,
    Hidden,
}

/// <summary>The names the API and the forms use for actions and lists.</summary>
public static class MentorPreferenceNames
{
    private static readonly Dictionary<string, MentorPreferenceAction> Actions = new(StringComparer.Ordinal)
    {
        ["favorite"] = MentorPreferenceAction.Favorite,
        ["unfavorite"] = MentorPreferenceAction.Unfavorite,
        ["hide"] = MentorPreferenceAction.Hide,
        ["unhide"] = MentorPreferenceAction.Unhide,
    };

    public static IEnumerable<string> AllActions => Actions.Keys;

    public static bool TryParseAction(string? name, out MentorPreferenceAction action) =>
        Actions.TryGetValue(name?.Trim().ToLowerInvariant() ?? "", out action);

    public static string Name(MentorPreferenceAction action) => Actions.First(a => a.Value == action).Key;
}

/// <summary>One page of a student's favourite or hidden mentors, newest choice first; <see cref="NextCursor"/> is null on the last.</summary>
public sealed record MentorPreferencePage(IReadOnlyList<PublicMentorCard> Mentors, string? NextCursor);

/// <summary>Which of some mentors a student has favourited or hidden: for drawing the buttons on their cards.</summary>
public sealed record MentorPreferenceStates(IReadOnlySet<Guid> Favorites, IReadOnlySet<Guid> Hidden)
{
    public static MentorPreferenceStates None { get; } = new(new HashSet<Guid>(), new HashSet<Guid>());

    public bool IsFavorite(Guid mentorId) => Favorites.Contains(mentorId);

    public bool IsHidden(Guid mentorId) => Hidden.Contains(mentorId);
}
