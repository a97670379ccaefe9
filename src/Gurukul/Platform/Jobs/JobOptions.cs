namespace Gurukul.Platform.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobOptions
{
    /// <summary>Whether this node runs jobs; a node that does not still enqueues them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle runner looks for due jobs, for jobs enqueued by other nodes or scheduled for later.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The first retry's delay; each further retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed job belongs to its runner; after that another node may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
}
