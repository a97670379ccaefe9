using System.Diagnostics;
using Gurukul.Platform.Data;
using Gurukul.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace Gurukul.Features.Discovery;

/// <summary>
/// Every distinct word of the mentors' text (mentor_search_words, migration 0007) as this node last read it, keyed for
/// the forgiving half of matching (ADR 0022): by folded form (a query's अंग्रेजी finds the indexed अंग्रेज़ी), by phonetic
/// key across scripts (प्रिया finds "priya", "fisics" finds "physics") and, for typos, by Damerau–Levenshtein distance
/// between keys. The list is reread in the background when the text version has moved and at least
/// <see cref="RereadAfter"/> has passed, so a search never waits for it after the first; a word new since then is still
/// found exactly, and by the database's own look-alikes, just not yet by its phonetic key.
/// </summary>
public sealed partial class SearchVocabulary(IServiceScopeFactory scopes, ILogger<SearchVocabulary> logger) : IDisposable
{
    public static readonly TimeSpan RereadAfter = TimeSpan.FromSeconds(30);

    /// <summary>At most this many look-alikes of one word are searched for, closest first.</summary>
    public const int MaxLookAlikes = 8;

    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile Words? _current;
    private long _readAt;
    private int _rereading;

    /// <summary>The vocabulary, read now if this node has none yet, reread in the background if stale.</summary>
    public async Task<Words> CurrentAsync(GurukulDbContext db, long textVersion, CancellationToken cancellationToken)
    {
        if (_current is { } current)
        {
            if (current.TextVersion < textVersion && Stopwatch.GetElapsedTime(Interlocked.Read(ref _readAt)) >= RereadAfter
                && Interlocked.CompareExchange(ref _rereading, 1, 0) == 0)
            {
                _ = RereadAsync(textVersion);
            }

            return current;
        }

        await _load.WaitAsync(cancellationToken);
        try
        {
            return _current ??= await ReadAsync(db, textVersion);
        }
        finally
        {
            _load.Release();
        }
    }

    public void Dispose() => _load.Dispose();

    private async Task RereadAsync(long textVersion)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var words = await ReadAsync(scope.ServiceProvider.GetRequiredService<GurukulDbContext>(), textVersion);
            _current = words;
        }
        catch (Exception failure)
        {
            LogRereadFailed(logger, failure);
        }
        finally
        {
            Volatile.Write(ref _rereading, 0);
        }
    }

    private async Task<Words> ReadAsync(GurukulDbContext db, long textVersion)
    {
        Interlocked.Exchange(ref _readAt, Stopwatch.GetTimestamp());
        var started = Stopwatch.GetTimestamp();
        var list = await db.Database.SqlQueryRaw<string>("""SELECT word AS "Value" FROM mentor_search_words""").ToListAsync(CancellationToken.None);
        var words = new Words(textVersion, list);
        LogRead(logger, list.Count, textVersion, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return words;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search vocabulary read: {Words} words at text version {TextVersion}, {Milliseconds:F0} ms")]
    private static partial void LogRead(ILogger logger, int words, long textVersion, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rereading the search vocabulary failed; the previous one stays in use")]
    private static partial void LogRereadFailed(ILogger logger, Exception failure);

    /// <summary>One reading of the vocabulary, immutable.</summary>
    public sealed class Words
    {
        private readonly HashSet<string> _folded = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _byFolded = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _byKey = new(StringComparer.Ordinal);
        private readonly List<string>[] _keysByLength;

        public Words(long textVersion, IEnumerable<string> words)
        {
            TextVersion = textVersion;
            var longest = 0;
            foreach (var word in words)
            {
                var folded = TextFolding.Fold(word);
                _folded.Add(folded);
                if (folded != word)
                {
                    Add(_byFolded, folded, word);
                }

                var key = PhoneticKey.Of(word);
                if (key.Length >= 3)
                {
                    Add(_byKey, key, word);
                    longest = Math.Max(longest, key.Length);
                }
            }

            _keysByLength = [.. Enumerable.Range(0, longest + 1).Select(_ => new List<string>())];
            foreach (var key in _byKey.Keys)
            {
                _keysByLength[key.Length].Add(key);
            }
        }

        public long TextVersion { get; }

        /// <summary>Whether some mentor's text has this (folded) word as it is.</summary>
        public bool Has(string folded) => _folded.Contains(folded);

        /// <summary>The indexed spellings of this folded word other than itself (अंग्रेज़ी for अंग्रेजी).</summary>
        public IReadOnlyList<string> SpellingsOf(string folded) => _byFolded.GetValueOrDefault(folded) ?? [];

        /// <summary>Indexed words that sound the same in any script: प्रिया → priya, fisics → physics.</summary>
        public IReadOnlyList<string> SoundingLike(string word) =>
            PhoneticKey.Of(word) is { Length: >= 3 } key ? _byKey.GetValueOrDefault(key) ?? [] : [];

        /// <summary>
        /// Indexed words whose phonetic key is within the typo allowance of this word's, closest first, and whose length is
        /// too ("six" sounds one edit from "phsyics" but is far shorter).
        /// </summary>
        public IReadOnlyList<string> TyposOf(string word)
        {
            var key = PhoneticKey.Of(word);
            var allowed = DamerauLevenshtein.AllowedEdits(key.Length);
            if (allowed == 0)
            {
                return [];
            }

            var found = new List<(int Distance, string Key)>();
            for (var length = Math.Max(0, key.Length - allowed); length <= Math.Min(_keysByLength.Length - 1, key.Length + allowed); length++)
            {
                foreach (var candidate in _keysByLength[length])
                {
                    var distance = DamerauLevenshtein.Distance(key, candidate, allowed);
                    if (distance is > 0 && distance <= allowed)
                    {
                        found.Add((distance, candidate));
                    }
                }
            }

            var lengthAllowed = DamerauLevenshtein.AllowedEdits(word.Length);
            return [.. found.OrderBy(f => f.Distance).ThenBy(f => f.Key, StringComparer.Ordinal)
                .SelectMany(f => _byKey[f.Key]).Where(w => Math.Abs(w.Length - word.Length) <= lengthAllowed).Take(MaxLookAlikes)];
        }

        private static void Add(Dictionary<string, List<string>> index, string key, string word)
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = [];
                index[key] = list;
            }

            list.Add(word);
        }
    }
}
