using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Platform.Realtime;

/// <summary>
/// A durable event for one user's stream (<c>GET /api/v1/me/events</c>): kept for <see cref="RealtimeOptions.Retention"/>
/// so that a client reconnecting with <c>Last-Event-ID</c> receives what it missed. <see cref="Id"/> is the SSE event id.
/// Ids are given in commit order on both providers (docs/adr/0028-realtime-stream.md): SQLite has one writer, and on
/// PostgreSQL a trigger numbers each row only after taking a transaction-long lock. So a reader that has seen id N has
/// seen every event below N that will ever exist, and "everything after N" is all a stream or a resume needs to ask.
/// </summary>
public sealed class RealtimeEvent
{
    public const int MaxTypeLength = 40;

    public long Id { get; init; }
    public required string UserId { get; init; }

    /// <summary>The SSE <c>event:</c> name (<see cref="RealtimeEventTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>JSON as stored; an <see cref="IRealtimeEventRenderer"/> of the type may turn it into what each viewer receives.</summary>
    public required string Data { get; init; }

    public Instant CreatedAt { get; init; }
}

internal sealed class RealtimeEventConfiguration : IEntityTypeConfiguration<RealtimeEvent>
{
    public void Configure(EntityTypeBuilder<RealtimeEvent> builder)
    {
        builder.ToTable("realtime_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Type).HasMaxLength(RealtimeEvent.MaxTypeLength);
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        // A stream reads "this user's events after N"; retention deletes by age.
        builder.HasIndex(e => new { e.UserId, e.Id });
        builder.HasIndex(e => e.CreatedAt);
    }
}
