using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;

namespace Gurukul.Features.Reference;

/// <summary>
/// Add (POST) or change (PUT) a language. The code is fixed once created: on PUT it comes from the path and may be
/// repeated in the body only unchanged. <c>scheduled</c> left out means false on POST and unchanged on PUT.
/// </summary>
public sealed record LanguageRequest(string? Code, string? EnglishName, string? NativeName, bool? Scheduled);

/// <summary><c>sortOrder</c> left out puts a new category last, and leaves an existing one where it is.</summary>
public sealed record SubjectCategoryRequest(string? Slug, string? Name, int? SortOrder);

/// <summary><c>category</c> is a category's slug; changing it moves the subject.</summary>
public sealed record SubjectRequest(string? Slug, string? Name, string? Category);

/// <summary><c>state</c> is empty for national and international boards. <c>sortOrder</c> as for categories.</summary>
public sealed record BoardRequest(string? Code, string? Name, string? State, int? SortOrder);

public sealed record SubjectCategoryDetailDto(string Slug, string Name, int SortOrder);

public sealed record SubjectDetailDto(string Slug, string Name, string Category);

public sealed record BoardDetailDto(string Code, string Name, string? State, int SortOrder);

/// <summary>Who edits reference data and from where, for the audit log.</summary>
public sealed record ReferenceEditor(string UserId, ClientInfo Client)
{
    public static ReferenceEditor From(HttpContext context) => new(AccountsEndpoints.UserId(context.User), ClientInfo.From(context));
}
