using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Gurukul.Platform.Jobs;

/// <summary>Puts work on the durable job queue (docs/adr/0006-jobs-and-mail-outbox.md).</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: the name says what it is for.")]
public sealed class JobQueue(GurukulDbContext db, JobSignal signal, IClock clock) : IDisposable
{
    private bool _wakesRunnerOnSave;

    /// <summary>
    /// Adds a job to the current <see cref="GurukulDbContext"/> <b>without saving</b>: the caller's own
    /// <c>SaveChangesAsync</c> commits it atomically with the caller's changes (a transactional outbox), so a job exists
    /// exactly when the change that asked for it does. The payload is serialized as JSON (camelCase).
    /// </summary>
    public void Add(string kind, object payload, Instant? runAt = null)
    {
        var now = clock.GetCurrentInstant();
        db.Set<Job>().Add(new Job
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            RunAt = runAt ?? now,
            CreatedAt = now,
        });
        if (!_wakesRunnerOnSave)
        {
            _wakesRunnerOnSave = true;
            db.SavedChanges += WakeRunner;
        }
    }

    /// <summary>Adds a job and saves the context at once (with whatever else it holds).</summary>
    public async Task EnqueueAsync(string kind, object payload, Instant? runAt = null, CancellationToken cancellationToken = default)
    {
        Add(kind, payload, runAt);
        await db.SaveChangesAsync(cancellationToken);
    }

    // Pooled contexts outlive the scope: never leave this scope's handler on one.
    public void Dispose()
    {
        if (_wakesRunnerOnSave)
        {
            db.SavedChanges -= WakeRunner;
        }
    }

    private void WakeRunner(object? sender, SavedChangesEventArgs e) => signal.Notify();
}
