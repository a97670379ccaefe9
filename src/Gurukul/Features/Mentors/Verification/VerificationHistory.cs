namespace Gurukul.Features.Mentors.Verification;

/// <summary>Puts an application's history rows in the order the moves were made.</summary>
public static class VerificationHistory
{
    /// <summary>
    /// Oldest first. Moves saved in one instant (seeded demo mentors) are ordered by following the chain of statuses, each
    /// move starting where the one before ended; ids cannot break such ties, as version-7 GUIDs are random within a millisecond.
    /// </summary>
    public static IReadOnlyList<VerificationEvent> InOrder(IEnumerable<VerificationEvent> events)
    {
        var ordered = new List<VerificationEvent>();
        foreach (var sameInstant in events.GroupBy(e => e.At).OrderBy(g => g.Key))
        {
            var left = sameInstant.OrderBy(e => e.Id).ToList();
            while (left.Count > 0)
            {
                var previous = ordered.Count > 0 ? ordered[^1].ToStatus : (VerificationStatus?)null;
                var next = left.FirstOrDefault(e => e.FromStatus == previous)
                    // The first move of a group whose predecessor is elsewhere: the one no other move in the group leads to.
                    ?? left.FirstOrDefault(e => !left.Any(other => other != e && other.ToStatus == e.FromStatus))
                    ?? left[0];
                ordered.Add(next);
                left.Remove(next);
            }
        }

        return ordered;
    }
}
