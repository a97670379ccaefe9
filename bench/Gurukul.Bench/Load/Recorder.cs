namespace Gurukul.Bench.Load;

/// <summary>Outcomes of one kind of request: latencies of the successful ones, failures by status, bytes, and malformed bodies.</summary>
public sealed class Bucket
{
    public List<double> OkMilliseconds { get; } = [];
    public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);
    public int Requests { get; private set; }
    public long Bytes { get; private set; }
    public int BadBodies { get; private set; }

    public void Add(int status, double milliseconds, long bytes, bool badBody)
    {
        Requests++;
        Bytes += bytes;
        if (status is >= 200 and < 300)
        {
            OkMilliseconds.Add(milliseconds);
        }
        else
        {
            Fail(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (badBody)
        {
            BadBodies++;
        }
    }

    /// <summary>A request that got no HTTP response (timeout, refused connection).</summary>
    public void AddFailure(string reason)
    {
        Requests++;
        Fail(reason);
    }

    private void Fail(string reason) => Errors[reason] = Errors.GetValueOrDefault(reason) + 1;

    public void Merge(Bucket other)
    {
        OkMilliseconds.AddRange(other.OkMilliseconds);
        foreach (var (reason, count) in other.Errors)
        {
            Errors[reason] = Errors.GetValueOrDefault(reason) + count;
        }

        Requests += other.Requests;
        Bytes += other.Bytes;
        BadBodies += other.BadBodies;
    }

    public int ErrorCount => Errors.Values.Sum();
}

/// <summary>Per-client results (no locking on the hot path), merged when the run ends. Keyed by endpoint, then by query variant.</summary>
public sealed class Recorder
{
    public Dictionary<string, Dictionary<string, Bucket>> Endpoints { get; } = new(StringComparer.Ordinal);

    public Bucket For(string endpoint, string variant)
    {
        if (!Endpoints.TryGetValue(endpoint, out var variants))
        {
            Endpoints[endpoint] = variants = new Dictionary<string, Bucket>(StringComparer.Ordinal);
        }

        if (!variants.TryGetValue(variant, out var bucket))
        {
            variants[variant] = bucket = new Bucket();
        }

        return bucket;
    }

    public static Recorder Merge(IEnumerable<Recorder> recorders)
    {
        var merged = new Recorder();
        foreach (var recorder in recorders)
        {
            foreach (var (endpoint, variants) in recorder.Endpoints)
            {
                foreach (var (variant, bucket) in variants)
                {
                    merged.For(endpoint, variant).Merge(bucket);
                }
            }
        }

        return merged;
    }
}
