namespace Gurukul.Platform.Localization;

/// <summary>
/// Marker for the UI strings in <c>Resources/{culture}.json</c>: inject <c>IStringLocalizer&lt;Strings&gt;</c>.
/// One flat key space ("home.title") shared by pages, emails and problem details.
/// </summary>
public sealed class Strings;
