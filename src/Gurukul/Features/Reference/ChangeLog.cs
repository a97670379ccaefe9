using System.Globalization;

namespace Gurukul.Features.Reference;

/// <summary>What an edit changed, field by field, for the audit log: <c>name "CBSE" → "CBSE (Delhi)"</c>.</summary>
internal sealed class ChangeLog
{
    private readonly List<string> _changes = [];

    public bool Any => _changes.Count > 0;

    /// <summary>Notes the change, if any, and returns the new value to assign.</summary>
    public T Set<T>(string field, T before, T after)
    {
        if (!EqualityComparer<T>.Default.Equals(before, after))
        {
            _changes.Add($"{field} {Show(before)} → {Show(after)}");
        }

        return after;
    }

    public override string ToString() => string.Join("; ", _changes);

    private static string Show<T>(T value) => value switch
    {
        null => "none",
        string text => $"\"{text}\"",
        bool flag => flag ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
