using System.Globalization;

namespace Gurukul.Features.Reference.Pages;

/// <summary>The admin pages' form fields, exactly as typed, so a refused form comes back with the admin's input.</summary>
public sealed class LanguageForm
{
    public string? Code { get; set; }
    public string? EnglishName { get; set; }
    public string? NativeName { get; set; }
    public bool Scheduled { get; set; }

    public static LanguageForm From(LanguageDto language) =>
        new() { Code = language.Code, EnglishName = language.EnglishName, NativeName = language.NativeName, Scheduled = language.Scheduled };

    public LanguageRequest ToRequest() => new(EnglishName, NativeName, Code: Code, Scheduled: Scheduled);
}

public sealed class CategoryForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? SortOrder { get; set; }

    public static CategoryForm From(SubjectCategoryDetailDto category) =>
        new() { Slug = category.Slug, Name = category.Name, SortOrder = category.SortOrder.ToString(CultureInfo.InvariantCulture) };

    public SubjectCategoryRequest ToRequest() => new(Name, Slug: Slug, SortOrder: ReferencePages.Number(SortOrder));
}

public sealed class SubjectForm
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? Category { get; set; }

    public static SubjectForm From(SubjectDetailDto subject) => new() { Slug = subject.Slug, Name = subject.Name, Category = subject.Category };

    public SubjectRequest ToRequest() => new(Name, Category, Slug: Slug);
}

public sealed class BoardForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? State { get; set; }
    public string? SortOrder { get; set; }

    public static BoardForm From(BoardDetailDto board) =>
        new() { Code = board.Code, Name = board.Name, State = board.State, SortOrder = board.SortOrder.ToString(CultureInfo.InvariantCulture) };

    public BoardRequest ToRequest() => new(Name, Code: Code, State: State, SortOrder: ReferencePages.Number(SortOrder));
}

public static class ReferencePages
{
    /// <summary>
    /// Empty is "not given". Text that is not a whole number becomes a value out of every allowed range, so the use
    /// case's own range check names the field with the same message the API gives, along with any other bad field.
    /// </summary>
    public static int? Number(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
        : int.MinValue;

    /// <summary>The list page's section (tab) for each kind of entry: languages, subjects, boards.</summary>
    public static string ListUrl(string tab) => $"/admin/reference?tab={tab}";

    /// <summary>An entry's edit page, e.g. <c>/admin/reference/subject-categories/law</c>.</summary>
    public static string EditUrl(string kind, string key) => $"/admin/reference/{kind}/{Uri.EscapeDataString(key)}";
}
