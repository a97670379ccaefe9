namespace Gurukul.Features.Profiles.Pages.Controls;

/// <summary>
/// One option of a select or a group of checkboxes: the value sent and the label shown. A label in another language than
/// the page's (a language's own name, తెలుగు) says which, so screen readers voice it right; <paramref name="Note"/> follows
/// it in the page's language.
/// </summary>
public sealed record Choice(string Value, string Label, string? Lang = null, string? Note = null)
{
    /// <summary>The label and note as one line of text, for a select's options.</summary>
    public string Text => Note is null ? Label : $"{Label} ({Note})";
}

/// <summary>Options shown together under a heading (an <c>optgroup</c>).</summary>
public sealed record ChoiceGroup(string Label, IReadOnlyList<Choice> Options);

/// <summary>The <c>aria-describedby</c> of a control: its hint and its messages, when it has them.</summary>
public static class Described
{
    public static string? By(string id, string? hint, bool hasErrors) =>
        string.Join(' ', new[] { hint is null ? null : $"{id}-hint", hasErrors ? $"{id}-error" : null }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
