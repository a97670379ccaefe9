using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Reference;

/// <summary>
/// Admins' edits to the reference data. Codes and slugs are fixed once created, because profiles store them; names,
/// order and grouping change freely. A code can be deleted only while nothing uses it. Every change is audited in the
/// same save. Nothing caches reference data, so the public lists show an edit on the very next request.
/// </summary>
public sealed class ReferenceAdministration(
    GurukulDbContext db, IEnumerable<IReferenceDataUsage> usages, AuditLog audit, IStringLocalizer<Strings> text)
{
    public async Task<LanguageDto> GetLanguageAsync(string code, CancellationToken cancellationToken) =>
        ToDto(await FindAsync<Language>("language", code, cancellationToken));

    public async Task<LanguageDto> CreateLanguageAsync(ReferenceEditor editor, LanguageRequest request, CancellationToken cancellationToken)
    {
        var (errors, rules) = Rules();
        var code = rules.LanguageCode(request.Code);
        var englishName = rules.Name("englishName", request.EnglishName, Language.NameMaxLength);
        var nativeName = rules.Name("nativeName", request.NativeName, Language.NameMaxLength);
        errors.ThrowIfAny();
        var language = new Language { Code = code!, EnglishName = englishName!, NativeName = nativeName!, Scheduled = request.Scheduled ?? false };
        await AddAsync("language", language.Code, language, Describe(language), editor, cancellationToken);
        return ToDto(language);
    }

    public async Task<LanguageDto> UpdateLanguageAsync(ReferenceEditor editor, string code, LanguageRequest request, CancellationToken cancellationToken)
    {
        var language = await FindAsync<Language>("language", code, cancellationToken);
        var (errors, rules) = Rules();
        rules.Unchanged("code", request.Code, language.Code);
        var englishName = rules.Name("englishName", request.EnglishName, Language.NameMaxLength);
        var nativeName = rules.Name("nativeName", request.NativeName, Language.NameMaxLength);
        errors.ThrowIfAny();
        var changes = new ChangeLog();
        language.EnglishName = changes.Set("englishName", language.EnglishName, englishName!);
        language.NativeName = changes.Set("nativeName", language.NativeName, nativeName!);
        language.Scheduled = changes.Set("scheduled", language.Scheduled, request.Scheduled ?? language.Scheduled);
        await SaveEditAsync($"language {language.Code}", changes, editor, cancellationToken);
        return ToDto(language);
    }

    public async Task DeleteLanguageAsync(ReferenceEditor editor, string code, CancellationToken cancellationToken)
    {
        var language = await FindAsync<Language>("language", code, cancellationToken);
        var uses = await UsesAsync(usage => usage.CountLanguageUsesAsync(language.Code, cancellationToken));
        await RemoveAsync(language, TermKind.Language, language.Code, uses, text["reference.language.in_use", language.EnglishName, uses], Describe(language), editor, cancellationToken);
    }

    public async Task<SubjectCategoryDetailDto> GetCategoryAsync(string slug, CancellationToken cancellationToken) =>
        ToDto(await FindAsync<SubjectCategory>("category", slug, cancellationToken));

    public async Task<SubjectCategoryDetailDto> CreateCategoryAsync(ReferenceEditor editor, SubjectCategoryRequest request, CancellationToken cancellationToken)
    {
        var (errors, rules) = Rules();
        var slug = rules.Slug("slug", request.Slug, SubjectCategory.SlugMaxLength);
        var name = rules.Name("name", request.Name, SubjectCategory.NameMaxLength);
        var sortOrder = rules.SortOrder(request.SortOrder);
        errors.ThrowIfAny();
        var category = new SubjectCategory
        {
            Slug = slug!,
            Name = name!,
            SortOrder = sortOrder ?? await NextSortOrderAsync(db.SubjectCategories.Select(c => (int?)c.SortOrder), cancellationToken),
        };
        await AddAsync("category", category.Slug, category, Describe(category), editor, cancellationToken);
        return ToDto(category);
    }

    public async Task<SubjectCategoryDetailDto> UpdateCategoryAsync(
        ReferenceEditor editor, string slug, SubjectCategoryRequest request, CancellationToken cancellationToken)
    {
        var category = await FindAsync<SubjectCategory>("category", slug, cancellationToken);
        var (errors, rules) = Rules();
        rules.Unchanged("slug", request.Slug, category.Slug);
        var name = rules.Name("name", request.Name, SubjectCategory.NameMaxLength);
        var sortOrder = rules.SortOrder(request.SortOrder);
        errors.ThrowIfAny();
        var changes = new ChangeLog();
        category.Name = changes.Set("name", category.Name, name!);
        category.SortOrder = changes.Set("sortOrder", category.SortOrder, sortOrder ?? category.SortOrder);
        await SaveEditAsync($"category {category.Slug}", changes, editor, cancellationToken);
        return ToDto(category);
    }

    /// <summary>Only an empty category: its subjects must be moved or deleted first, so nothing is lost by accident.</summary>
    public async Task DeleteCategoryAsync(ReferenceEditor editor, string slug, CancellationToken cancellationToken)
    {
        var category = await FindAsync<SubjectCategory>("category", slug, cancellationToken);
        var subjects = await db.Subjects.CountAsync(s => s.CategorySlug == category.Slug, cancellationToken);
        await RemoveAsync(category, TermKind.Category, category.Slug, subjects, text["reference.category.in_use", category.Name, subjects], Describe(category), editor, cancellationToken);
    }

    public async Task<SubjectDetailDto> GetSubjectAsync(string slug, CancellationToken cancellationToken) =>
        ToDto(await FindAsync<Subject>("subject", slug, cancellationToken));

    public async Task<SubjectDetailDto> CreateSubjectAsync(ReferenceEditor editor, SubjectRequest request, CancellationToken cancellationToken)
    {
        var (errors, rules) = Rules();
        var slug = rules.Slug("slug", request.Slug, Subject.SlugMaxLength);
        var name = rules.Name("name", request.Name, Subject.NameMaxLength);
        var category = await KnownCategoryAsync(errors, request.Category, cancellationToken);
        errors.ThrowIfAny();
        var subject = new Subject { Slug = slug!, Name = name!, CategorySlug = category! };
        await AddAsync("subject", subject.Slug, subject, Describe(subject), editor, cancellationToken);
        return ToDto(subject);
    }

    /// <summary>A new <c>category</c> moves the subject; left out, it stays where it is.</summary>
    public async Task<SubjectDetailDto> UpdateSubjectAsync(ReferenceEditor editor, string slug, SubjectRequest request, CancellationToken cancellationToken)
    {
        var subject = await FindAsync<Subject>("subject", slug, cancellationToken);
        var (errors, rules) = Rules();
        rules.Unchanged("slug", request.Slug, subject.Slug);
        var name = rules.Name("name", request.Name, Subject.NameMaxLength);
        var category = request.Category is null ? subject.CategorySlug : await KnownCategoryAsync(errors, request.Category, cancellationToken);
        errors.ThrowIfAny();
        var changes = new ChangeLog();
        subject.Name = changes.Set("name", subject.Name, name!);
        subject.CategorySlug = changes.Set("category", subject.CategorySlug, category!);
        await SaveEditAsync($"subject {subject.Slug}", changes, editor, cancellationToken);
        return ToDto(subject);
    }

    public async Task DeleteSubjectAsync(ReferenceEditor editor, string slug, CancellationToken cancellationToken)
    {
        var subject = await FindAsync<Subject>("subject", slug, cancellationToken);
        var uses = await UsesAsync(usage => usage.CountSubjectUsesAsync(subject.Slug, cancellationToken));
        await RemoveAsync(subject, TermKind.Subject, subject.Slug, uses, text["reference.subject.in_use", subject.Name, uses], Describe(subject), editor, cancellationToken);
    }

    public async Task<BoardDetailDto> GetBoardAsync(string code, CancellationToken cancellationToken) =>
        ToDto(await FindAsync<Board>("board", code, cancellationToken));

    public async Task<BoardDetailDto> CreateBoardAsync(ReferenceEditor editor, BoardRequest request, CancellationToken cancellationToken)
    {
        var (errors, rules) = Rules();
        var code = rules.Slug("code", request.Code, Board.CodeMaxLength);
        var name = rules.Name("name", request.Name, Board.NameMaxLength);
        var state = rules.OptionalName("state", request.State, Board.StateMaxLength);
        var sortOrder = rules.SortOrder(request.SortOrder);
        errors.ThrowIfAny();
        var board = new Board
        {
            Code = code!,
            Name = name!,
            State = state,
            SortOrder = sortOrder ?? await NextSortOrderAsync(db.Boards.Select(b => (int?)b.SortOrder), cancellationToken),
        };
        await AddAsync("board", board.Code, board, Describe(board), editor, cancellationToken);
        return ToDto(board);
    }

    /// <summary>An empty or missing <c>state</c> makes it a national or international board.</summary>
    public async Task<BoardDetailDto> UpdateBoardAsync(ReferenceEditor editor, string code, BoardRequest request, CancellationToken cancellationToken)
    {
        var board = await FindAsync<Board>("board", code, cancellationToken);
        var (errors, rules) = Rules();
        rules.Unchanged("code", request.Code, board.Code);
        var name = rules.Name("name", request.Name, Board.NameMaxLength);
        var state = rules.OptionalName("state", request.State, Board.StateMaxLength);
        var sortOrder = rules.SortOrder(request.SortOrder);
        errors.ThrowIfAny();
        var changes = new ChangeLog();
        board.Name = changes.Set("name", board.Name, name!);
        board.State = changes.Set("state", board.State, state);
        board.SortOrder = changes.Set("sortOrder", board.SortOrder, sortOrder ?? board.SortOrder);
        await SaveEditAsync($"board {board.Code}", changes, editor, cancellationToken);
        return ToDto(board);
    }

    public async Task DeleteBoardAsync(ReferenceEditor editor, string code, CancellationToken cancellationToken)
    {
        var board = await FindAsync<Board>("board", code, cancellationToken);
        var uses = await UsesAsync(usage => usage.CountBoardUsesAsync(board.Code, cancellationToken));
        await RemoveAsync(board, TermKind.Board, board.Code, uses, text["reference.board.in_use", board.Name, uses], Describe(board), editor, cancellationToken);
    }

    private (FieldErrors Errors, ReferenceRules Rules) Rules()
    {
        var errors = new FieldErrors();
        return (errors, new ReferenceRules(errors, text));
    }

    // kind is language, category, subject or board: it picks the reference.{kind}.* messages.
    private async Task<T> FindAsync<T>(string kind, string key, CancellationToken cancellationToken)
        where T : class =>
        await db.Set<T>().FindAsync([key], cancellationToken) ?? throw new NotFoundException(text[$"reference.{kind}.not_found", key]);

    private async Task<string?> KnownCategoryAsync(FieldErrors errors, string? slug, CancellationToken cancellationToken)
    {
        var category = slug?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(category) && await db.SubjectCategories.AnyAsync(c => c.Slug == category, cancellationToken))
        {
            return category;
        }

        errors.Add("category", text["reference.validation.category"]);
        return null;
    }

    /// <summary>After the last one, so a new entry without a sort order goes to the end of its list.</summary>
    private static async Task<int> NextSortOrderAsync(IQueryable<int?> sortOrders, CancellationToken cancellationToken) =>
        Math.Min((await sortOrders.MaxAsync(cancellationToken) ?? -1) + 1, ReferenceRules.MaxSortOrder);

    private async Task<int> UsesAsync(Func<IReferenceDataUsage, Task<int>> count)
    {
        var total = 0;
        // One after another: they share this request's DbContext, which allows one query at a time.
        foreach (var usage in usages)
        {
            total += await count(usage);
        }

        return total;
    }

    private async Task AddAsync<T>(string kind, string key, T entity, string description, ReferenceEditor editor, CancellationToken cancellationToken)
        where T : class
    {
        if (await db.Set<T>().FindAsync([key], cancellationToken) is not null)
        {
            throw new ConflictException(text[$"reference.{kind}.duplicate", key]);
        }

        db.Set<T>().Add(entity);
        audit.Add(AuditActions.ReferenceCreated, editor.Client, editor.UserId, detail: description);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin added the same key at the same moment; the primary key decided.
            throw new ConflictException(text[$"reference.{kind}.duplicate", key]);
        }
    }

    private async Task SaveEditAsync(string what, ChangeLog changes, ReferenceEditor editor, CancellationToken cancellationToken)
    {
        if (!changes.Any)
        {
            return;
        }

        audit.Add(AuditActions.ReferenceUpdated, editor.Client, editor.UserId, detail: $"{what}: {changes}");
        await SaveOrConflictAsync(cancellationToken);
    }

    /// <summary>Removes an entry nothing uses, with its terms in every language (ADR 0022).</summary>
    private async Task RemoveAsync<T>(
        T entity, TermKind kind, string key, int uses, string inUse, string description, ReferenceEditor editor, CancellationToken cancellationToken)
        where T : class
    {
        if (uses > 0)
        {
            throw new ConflictException(inUse);
        }

        db.Set<TaxonomyTerm>().RemoveRange(await db.Set<TaxonomyTerm>().Where(t => t.Kind == kind && t.Key == key).ToListAsync(cancellationToken));
        db.Set<T>().Remove(entity);
        audit.Add(AuditActions.ReferenceDeleted, editor.Client, editor.UserId, detail: description);
        await SaveOrConflictAsync(cancellationToken);
    }

    /// <summary>
    /// A foreign key refused the save: between our checks and the save someone started using the code, or deleted the
    /// category a subject was being moved to. The database keeps the data whole; the admin hears why.
    /// </summary>
    private async Task SaveOrConflictAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException(text["reference.changed_meanwhile"]);
        }
    }

    private static string Describe(Language l) => $"language {l.Code}: {l.EnglishName} / {l.NativeName}{(l.Scheduled ? ", scheduled" : "")}";

    private static string Describe(SubjectCategory c) => $"category {c.Slug}: {c.Name} (sort order {c.SortOrder})";

    private static string Describe(Subject s) => $"subject {s.Slug}: {s.Name} in {s.CategorySlug}";

    private static string Describe(Board b) => $"board {b.Code}: {b.Name}{(b.State is null ? "" : $" ({b.State})")}";

    private static LanguageDto ToDto(Language l) => new(l.Code, l.EnglishName, l.NativeName, l.Scheduled);

    private static SubjectCategoryDetailDto ToDto(SubjectCategory c) => new(c.Slug, c.Name, c.SortOrder);

    private static SubjectDetailDto ToDto(Subject s) => new(s.Slug, s.Name, s.CategorySlug);

    private static BoardDetailDto ToDto(Board b) => new(b.Code, b.Name, b.State, b.SortOrder);
}
