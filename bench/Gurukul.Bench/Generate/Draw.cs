namespace Gurukul.Bench.Generate;

/// <summary>
/// Random draws for one generated entity. Each entity gets its own generator seeded from (run seed, kind, index), so the
/// output for a seed is the same whatever order or thread the entities are made in.
/// </summary>
public sealed class Draw(Xoshiro random)
{
    /// <summary>
    /// A generator for one entity. The key (seed, kind, index) is unique per entity and seeds a 256-bit state, so no two
    /// entities share a stream (System.Random's 31-bit seeds would collide within a few tens of thousands of entities).
    /// </summary>
    public static Draw For(int seed, int kind, int index) =>
        new(new Xoshiro(((ulong)(uint)seed << 32) ^ ((ulong)(uint)kind << 28) ^ (uint)index));

    public double Unit() => random.NextDouble();

    public bool Chance(double probability) => random.NextDouble() < probability;

    public int Between(int minInclusive, int maxInclusive) => minInclusive + random.Next(maxInclusive - minInclusive + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>Rank 0..count-1 with probability proportional to 1/(rank+1)^s: the first items dominate, the tail stays.</summary>
    public int ZipfRank(int count, double s = 1.0) => Zipf.Table(count, s).Pick(random.NextDouble());

    /// <summary>A Pareto-tailed count from 1 up to <paramref name="cap"/>: most values small, a few very large (median ≈ scale × (2^(1/α) − 1) + 1).</summary>
    public int ParetoCount(double alpha, double scale, int cap)
    {
        var value = (scale * (Math.Pow(1.0 - random.NextDouble(), -1.0 / alpha) - 1.0)) + 1;
        return (int)Math.Min(cap, Math.Floor(value));
    }

    public T Weighted<T>(WeightedSet<T> set) => set.Pick(random.NextDouble());

    /// <summary>Up to <paramref name="count"/> distinct items, earlier ones more likely (Zipf over the list order).</summary>
    public List<T> DistinctZipf<T>(IReadOnlyList<T> items, int count, double s = 1.0)
    {
        var chosen = new List<T>(count);
        for (var attempts = 0; chosen.Count < Math.Min(count, items.Count) && attempts < count * 20; attempts++)
        {
            var item = items[ZipfRank(items.Count, s)];
            if (!chosen.Contains(item))
            {
                chosen.Add(item);
            }
        }

        return chosen;
    }

    /// <summary>A version-7 shaped UUID for the given time with random bits from this draw (what the app's Guid.CreateVersion7 makes).</summary>
    public Guid GuidV7(DateTime at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = new DateTimeOffset(at).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A random (version 4) UUID, as Identity gives user ids.</summary>
    public Guid GuidV4()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)(0x40 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>32 base-32 characters, the shape of an Identity security stamp.</summary>
    public string SecurityStamp()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Span<char> stamp = stackalloc char[32];
        for (var i = 0; i < stamp.Length; i++)
        {
            stamp[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(stamp);
    }

    /// <summary>A moment uniformly between two times, with sub-millisecond ticks as real timestamps have.</summary>
    public DateTime Between(DateTime from, DateTime to) =>
        new(from.Ticks + (long)(random.NextDouble() * (to.Ticks - from.Ticks)), DateTimeKind.Utc);
}

/// <summary>Items with weights, picked by one uniform number (binary search over the cumulative weights).</summary>
public sealed class WeightedSet<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedSet(IEnumerable<KeyValuePair<T, double>> weighted)
    {
        var pairs = weighted.Where(p => p.Value > 0).ToArray();
        if (pairs.Length == 0)
        {
            throw new ArgumentException("A weighted set needs at least one positive weight.", nameof(weighted));
        }

        _items = [.. pairs.Select(p => p.Key)];
        _cumulative = new double[pairs.Length];
        var total = 0.0;
        for (var i = 0; i < pairs.Length; i++)
        {
            total += pairs[i].Value;
            _cumulative[i] = total;
        }

        for (var i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }
    }

    public IReadOnlyList<T> Items => _items;

    public T Pick(double unit)
    {
        var index = Array.BinarySearch(_cumulative, unit);
        index = index < 0 ? ~index : index;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}

public static class WeightedSet
{
    public static WeightedSet<T> From<T>(IEnumerable<KeyValuePair<T, double>> weighted) => new(weighted);

    public static WeightedSet<T> From<T>(IEnumerable<T> items, Func<T, double> weight) =>
        new(items.Select(i => new KeyValuePair<T, double>(i, weight(i))));
}

/// <summary>Cached Zipf rank tables (one per list length and exponent).</summary>
internal static class Zipf
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, double), WeightedSet<int>> Tables = new();

    public static WeightedSet<int> Table(int count, double s) =>
        Tables.GetOrAdd((count, s), key => WeightedSet.From(Enumerable.Range(0, key.Item1), rank => 1.0 / Math.Pow(rank + 1, key.Item2)));
}

/// <summary>xoshiro256** (Blackman and Vigna), seeded through SplitMix64: small, fast, and the same on every platform and runtime.</summary>
public sealed class Xoshiro
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro(ulong key)
    {
        _s0 = SplitMix(ref key);
        _s1 = SplitMix(ref key);
        _s2 = SplitMix(ref key);
        _s3 = SplitMix(ref key);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)((NextUInt64() >> 33) * (ulong)maxExclusive >> 31);

    public void NextBytes(Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i += 8)
        {
            var value = NextUInt64();
            for (var j = 0; j < 8 && i + j < bytes.Length; j++)
            {
                bytes[i + j] = (byte)(value >> (8 * j));
            }
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
