using System.Globalization;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Discovery;

/// <summary>A word of the search, the indexed words it may be a typo of, and whether it must match as a whole word.</summary>
public sealed record SearchWord(string Text, IReadOnlyList<string> LooksLike, bool Whole = false);

/// <summary>A mentor whose text matches a word (or every word of a search), and its score (summed over the words).</summary>
public sealed class TextHit
{
    public Guid MentorId { get; init; }
    public double Score { get; init; }
}

/// <summary>
/// The one provider-specific part of search: matching free text against the <c>mentor_search</c> index of migration 0007
/// (docs/adr/0014-mentor-search.md). Everything else (filters, order, pages, facets) is the
/// in-process index (<see cref="MentorSearchIndex"/>).
/// A word matches a mentor when it starts a word of their text (PostgreSQL full text, prefix match) or occurs in it
/// (SQLite FTS5 trigram), or when one of its look-alikes does. Each matched word scores where it matched best:
/// name 8, subjects or expertise 4, headline 2, anywhere else (the bio) 1. Scores depend on the mentor's own text
/// only, never on the rest of the index, so a page boundary stays put while other mentors come and go.
/// </summary>
public sealed class MentorTextSearch(GurukulDbContext db, DatabaseSettings settings)
{
    /// <summary>At most this many look-alikes per word, the closest first.</summary>
    public const int MaxLookAlikes = 20;

    private const int NameScore = 8;
    private const int TopicScore = 4;
    private const int HeadlineScore = 2;
    private const int OtherScore = 1;

    private static readonly string[] TextColumns = ["name", "subjects", "expertise", "headline", "bio"];

    private bool IsPostgres => settings.Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// Every mentor (visible or not: the caller filters) whose text matches the word or one of its look-alikes, with
    /// its score. One word at a time: a search matches all its words and scores their sum, which
    /// <see cref="TextHitCache"/> works out from each word's cached hits. An <paramref name="exact"/> word — one the
    /// search already knows to be a word of the index or of a taxonomy name (ADR 0022) — has no look-alikes and, on
    /// PostgreSQL, matches whole words only (SQLite's trigram index still matches it inside longer words).
    /// </summary>
    public async Task<IReadOnlyList<TextHit>> HitsAsync(string text, bool exact, CancellationToken cancellationToken)
    {
        var word = new SearchWord(text, exact || text.Length < SearchWords.MinTypoLength ? [] : await LookAlikesAsync(text, cancellationToken), exact);
        var sql = new SqlBuilder();
        var query = IsPostgres ? PostgresHits(word, sql) : SqliteHits(word, sql);
        return await db.Database.SqlQueryRaw<TextHit>(query, [.. sql.Parameters]).ToListAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<string>> LookAlikesAsync(string word, CancellationToken cancellationToken)
    {
        if (IsPostgres)
        {
            // % is pg_trgm's indexed similarity test (threshold 0.3 unless an operator changed it); the stricter bar is ours.
            return await db.Database.SqlQueryRaw<string>(
                """
                SELECT w.word AS "Value" FROM mentor_search_words AS w
                WHERE w.word % {0} AND w.word <> {0} AND similarity(w.word, {0}) >= {1}
                ORDER BY similarity(w.word, {0}) DESC, w.word LIMIT {2}
                """, word, SearchWords.TypoSimilarity, MaxLookAlikes).ToListAsync(cancellationToken);
        }

        // FTS5 finds the words sharing a piece with this one; how alike they are is measured here, as pg_trgm would.
        var pieces = string.Join(" OR ", SearchWords.InnerTrigrams(word).Select(Phrase));
        var candidates = await db.Database.SqlQueryRaw<string>(
            """
            SELECT w."word" AS "Value" FROM "mentor_search_words" AS w
            WHERE w."id" IN (SELECT "rowid" FROM "mentor_search_words_fts" WHERE "mentor_search_words_fts" MATCH {0})
            """, pieces).ToListAsync(cancellationToken);
        return [.. candidates
            .Where(candidate => candidate != word)
            .Select(candidate => (Word: candidate, Similarity: SearchWords.Similarity(candidate, word)))
            .Where(c => c.Similarity >= SearchWords.TypoSimilarity)
            .OrderByDescending(c => c.Similarity).ThenBy(c => c.Word, StringComparer.Ordinal)
            .Take(MaxLookAlikes)
            .Select(c => c.Word)];
    }

    private static string PostgresHits(SearchWord word, SqlBuilder sql) =>
        $"""
        SELECT s.mentor_id AS "MentorId",
            CAST(CASE WHEN s.labels @@ CAST({sql.Add(Lexemes(word, "A"))} AS tsquery) THEN {NameScore}
                WHEN s.labels @@ CAST({sql.Add(Lexemes(word, "B"))} AS tsquery) THEN {TopicScore}
                WHEN s.labels @@ CAST({sql.Add(Lexemes(word, "C"))} AS tsquery) THEN {HeadlineScore} ELSE {OtherScore} END AS double precision) AS "Score"
        FROM mentor_search AS s
        WHERE s.document @@ CAST({sql.Add(Lexemes(word, ""))} AS tsquery)
        """;

    /// <summary>
    /// The word as a prefix, or any of its look-alikes, restricted to one weight (label) when given. A one-letter
    /// prefix would walk half the index, so a single letter only matches itself.
    /// </summary>
    private static string Lexemes(SearchWord word, string weight)
    {
        var restriction = weight.Length == 0 ? "" : ":" + weight;
        var own = Quote(word.Text) + (word.Text.Length > 1 && !word.Whole ? ":*" + weight : restriction);
        return string.Join(" | ", word.LooksLike.Select(l => Quote(l) + restriction).Prepend(own));
    }

    private static string Quote(string lexeme) => "'" + lexeme.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string SqliteHits(SearchWord word, SqlBuilder sql)
    {
        string condition, score;
        if (word.Text.Length >= 3)
        {
            condition = $"""s."id" IN (SELECT "rowid" FROM "mentor_search_fts" WHERE "mentor_search_fts" MATCH {sql.Add(Phrases(word))})""";
            score = $"CASE WHEN {InColumns("name", word, sql)} THEN {NameScore} WHEN {InColumns("subjects expertise", word, sql)} THEN {TopicScore} " +
                $"WHEN {InColumns("headline", word, sql)} THEN {HeadlineScore} ELSE {OtherScore} END";
        }
        else
        {
            // The trigram index cannot look up fewer than three characters: such a word is checked on the text itself.
            var w = sql.Add(word.Text);
            string Contains(string column) => $"""instr(lower(s."{column}"), {w}) > 0""";
            condition = "(" + string.Join(" OR ", TextColumns.Select(Contains)) + ")";
            score = $"CASE WHEN {Contains("name")} THEN {NameScore} WHEN {Contains("subjects")} OR {Contains("expertise")} THEN {TopicScore} " +
                $"WHEN {Contains("headline")} THEN {HeadlineScore} ELSE {OtherScore} END";
        }

        return $"""
            SELECT s."mentor_id" AS "MentorId", CAST({score} AS REAL) AS "Score"
            FROM "mentor_search" AS s
            WHERE {condition}
            """;
    }

    // An uncorrelated IN subquery runs once per statement, not once per row.
    private static string InColumns(string columns, SearchWord word, SqlBuilder sql) =>
        $"""s."id" IN (SELECT "rowid" FROM "mentor_search_fts" WHERE "mentor_search_fts" MATCH {sql.Add("{" + columns + "} : (" + Phrases(word) + ")")})""";

    private static string Phrases(SearchWord word) =>
        string.Join(" OR ", new[] { word.Text }.Concat(word.LooksLike.Where(l => l.Length >= 3)).Select(Phrase));

    // Words hold only letters, digits and marks; doubling quotes keeps any other text a plain FTS5 string too.
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Raw SQL with EF's positional placeholders; every value goes in as a parameter.</summary>
    private sealed class SqlBuilder
    {
        public List<object> Parameters { get; } = [];

        public string Add(object value)
        {
            Parameters.Add(value);
            return "{" + (Parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }
    }
}
