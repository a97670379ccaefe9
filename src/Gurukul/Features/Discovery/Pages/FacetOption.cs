namespace Gurukul.Features.Discovery.Pages;

/// <summary>One choice of a filter select: the value sent, the text shown (with its count), the optgroup it sits in.</summary>
public sealed record FacetOption(string Value, string Text, string? Group = null);
