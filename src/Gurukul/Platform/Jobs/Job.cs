using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Platform.Jobs;

public enum JobStatus
{
    Pending,
    Running,
    Succeeded,
    Dead,
}

/// <summary>
/// A unit of background work, durable in the database so it survives restarts and runs on exactly one node.
/// A <see cref="JobStatus.Running"/> job is leased to <see cref="LockedBy"/> until <see cref="LockedUntil"/>; a node
/// that dies mid-job leaves an expiring lease, after which another runner claims the job again.
/// </summary>
public sealed class Job
{
    public const int DefaultMaxAttempts = 8;
    public const int LastErrorMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Which <see cref="IJobHandler"/> runs it: <c>mail.deliver</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>JSON for the handler. May hold personal data (email addresses): never logged.</summary>
    public required string Payload { get; init; }

    /// <summary>Not before this instant: the schedule at first, then the retry time after a failure.</summary>
    public Instant RunAt { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Pending;

    /// <summary>Runs started so far, counted when a runner claims the job.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; } = DefaultMaxAttempts;
    public string? LockedBy { get; set; }
    public Instant? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant? CompletedAt { get; set; }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Kind).HasMaxLength(100);
        builder.Property(j => j.Status).HasConversion<SnakeCaseEnumConverter<JobStatus>>().HasMaxLength(20);
        builder.Property(j => j.LockedBy).HasMaxLength(200);
        builder.Property(j => j.LastError).HasMaxLength(Job.LastErrorMaxLength);
        // The claim query: due pending jobs and expired leases, oldest first.
        builder.HasIndex(j => new { j.Status, j.RunAt });
    }
}
