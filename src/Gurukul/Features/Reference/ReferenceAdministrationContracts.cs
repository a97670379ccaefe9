using System.ComponentModel;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;

namespace Gurukul.Features.Reference;

/// <summary>
/// Add (POST) or change (PUT) a language. The code is fixed once created: on PUT it comes from the path and may be
/// repeated in the body only unchanged. <c>scheduled</c> left out means false on POST and unchanged on PUT.
/// </summary>
public sealed record LanguageRequest(
    string? EnglishName, string? NativeName, [property: Description(ReferenceKeys.OnPut)] string? Code = null, bool? Scheduled = null);

/// <summary>How every reference-data body treats its key: one type serves both POST (adding) and PUT (changing).</summary>
public static class ReferenceKeys
{
    public const string OnPut = "Required when adding (POST); on PUT the key comes from the path and may be repeated here only unchanged.";
}

/// <summary><c>sortOrder</c> left out puts a new category last, and leaves an existing one where it is.</summary>
public sealed record SubjectCategoryRequest(string? Name, [property: Description(ReferenceKeys.OnPut)] string? Slug = null, int? SortOrder = null);

/// <summary><c>category</c> is a category's slug; changing it moves the subject.</summary>
public sealed record SubjectRequest(string? Name, string? Category, [property: Description(ReferenceKeys.OnPut)] string? Slug = null);

/// <summary><c>state</c> is empty for national and international boards. <c>sortOrder</c> as for categories.</summary>
public sealed record BoardRequest(
    string? Name, [property: Description(ReferenceKeys.OnPut)] string? Code = null,
    [property: Description("The state of a state board; left out for national and international boards.")] string? State = null, int? SortOrder = null);

public sealed record SubjectCategoryDetailDto(string Slug, string Name, int SortOrder);

public sealed record SubjectDetailDto(string Slug, string Name, string Category);

public sealed record BoardDetailDto(string Code, string Name, string? State, int SortOrder);

/// <summary>Who edits reference data and from where, for the audit log.</summary>
public sealed record ReferenceEditor(string UserId, ClientInfo Client)
{
    public static ReferenceEditor From(HttpContext context) => new(AccountsEndpoints.UserId(context.User), ClientInfo.From(context));
}
