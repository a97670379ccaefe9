using System.Collections.Concurrent;

namespace Gurukul.Features.Messaging;

/// <summary>
/// Typing is told at most every two seconds per person and conversation: a client may send a keystroke's worth of typing
/// requests, and the other person's screen needs one now and then. Per node, in memory: it only saves work.
/// </summary>
public sealed class TypingThrottle(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string UserId, Guid ConversationId), DateTimeOffset> _lastSent = new();

    public bool ShouldSend(string userId, Guid conversationId)
    {
        var now = time.GetUtcNow();
        var key = (userId, conversationId);
        if (_lastSent.TryGetValue(key, out var last) && now - last < Interval)
        {
            return false;
        }

        _lastSent[key] = now;
        if (_lastSent.Count > PruneAbove)
        {
            foreach (var stale in _lastSent.Where(e => now - e.Value > Interval).Select(e => e.Key).ToList())
            {
                _lastSent.TryRemove(stale, out _);
            }
        }

        return true;
    }
}
