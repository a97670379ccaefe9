using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Reference;

/// <summary>
/// This node's copy of the term dictionary (<see cref="TermSet"/>), kept at the search clock's text version: every term
/// change moves that version (migration 0013), so a request that reads the clock — every search does — sees an admin's
/// edit at once, on every node. Pages that show taxonomy names without searching call <see cref="CurrentAsync"/> first.
/// </summary>
public sealed class TaxonomyGlossary : IDisposable
{
    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile TermSet _current = TermSet.Empty;

    /// <summary>The set this node loaded last: what the current request made current, when it called <see cref="CurrentAsync"/>.</summary>
    public TermSet Latest => _current;

    /// <summary>The dictionary at the database's current text version.</summary>
    public async Task<TermSet> CurrentAsync(GurukulDbContext db, CancellationToken cancellationToken) =>
        await AtAsync(db, await db.Database.SqlQueryRaw<long>("""SELECT text_version AS "Value" FROM mentor_search_clock""")
            .SingleAsync(cancellationToken), cancellationToken);

    /// <summary>The dictionary at <paramref name="textVersion"/> (or newer), loading it when this node holds an older one.</summary>
    public async Task<TermSet> AtAsync(GurukulDbContext db, long textVersion, CancellationToken cancellationToken)
    {
        if (_current.TextVersion >= textVersion)
        {
            return _current;
        }

        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_current.TextVersion < textVersion)
            {
                _current = await LoadAsync(db, textVersion);
            }

            return _current;
        }
        finally
        {
            _load.Release();
        }
    }

    public void Dispose() => _load.Dispose();

    // Not cancellable: other requests wait for the same load. A few thousand short rows.
    private static async Task<TermSet> LoadAsync(GurukulDbContext db, long textVersion)
    {
        var terms = await db.Set<TaxonomyTerm>().AsNoTracking()
            .Select(t => new TermRow(t.Kind, t.Key, t.Language, t.Text, t.IsName)).ToListAsync(CancellationToken.None);
        var subjects = await db.Subjects.AsNoTracking().Select(s => new { s.Slug, s.Name, s.CategorySlug }).ToListAsync(CancellationToken.None);
        var categories = await db.SubjectCategories.AsNoTracking().Select(c => new { c.Slug, c.Name }).ToListAsync(CancellationToken.None);
        var boards = await db.Boards.AsNoTracking().Select(b => new { b.Code, b.Name }).ToListAsync(CancellationToken.None);
        var languages = await db.Languages.AsNoTracking().Select(l => new { l.Code, l.EnglishName }).ToListAsync(CancellationToken.None);
        IEnumerable<(Concept, string)> entries =
        [
            .. subjects.Select(s => (new Concept(TermKind.Subject, s.Slug), s.Name)),
            .. categories.Select(c => (new Concept(TermKind.Category, c.Slug), c.Name)),
            .. boards.Select(b => (new Concept(TermKind.Board, b.Code), b.Name)),
            .. languages.Select(l => (new Concept(TermKind.Language, l.Code), l.EnglishName)),
        ];
        var byCategory = subjects.GroupBy(s => s.CategorySlug, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(s => s.Slug)], StringComparer.Ordinal);
        return new TermSet(textVersion, terms, entries, byCategory);
    }
}
