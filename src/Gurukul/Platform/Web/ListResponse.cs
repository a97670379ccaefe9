namespace Gurukul.Platform.Web;

/// <summary>The list shape of API.md: <c>{ items, nextCursor }</c>.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
