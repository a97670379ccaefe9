using System.Security.Claims;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// Turns a stored event of one <see cref="Type"/> into what one viewer receives, at the moment it is sent to them, on the
/// node that viewer is connected to ("the receiving node reads the row"). Messaging renders a message with attachment links
/// signed for the viewer's own session, and records that the message reached the recipient's device. Types without a
/// renderer are sent as stored. Resolved in a fresh scope for each batch a stream sends.
/// </summary>
public interface IRealtimeEventRenderer
{
    string Type { get; }

    /// <summary>The JSON to send, or null to send nothing (the thing is gone, or no longer the viewer's to see).</summary>
    Task<string?> RenderAsync(RealtimeEvent stored, ClaimsPrincipal viewer, CancellationToken cancellationToken);
}

/// <summary>
/// Who hears that a user came online or went offline: the people they talk to (messaging's conversations). Presence is
/// told to nobody else.
/// </summary>
public interface IPresenceAudience
{
    Task<IReadOnlyList<string>> ContactsOfAsync(string userId, CancellationToken cancellationToken);
}
