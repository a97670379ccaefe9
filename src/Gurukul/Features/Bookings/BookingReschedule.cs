using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>One move of a booking to another time: where it was (API.md <c>rescheduledFrom</c>), where it went, who moved it.</summary>
public sealed class BookingReschedule
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid BookingId { get; init; }
    public Instant FromStartsAt { get; init; }
    public Instant ToStartsAt { get; init; }
    public BookingActor MovedBy { get; init; }
    public required string MovedByUserId { get; init; }
    public Instant At { get; init; }
}

internal sealed class BookingRescheduleConfiguration : IEntityTypeConfiguration<BookingReschedule>
{
    public void Configure(EntityTypeBuilder<BookingReschedule> builder)
    {
        builder.ToTable("booking_reschedules");
        builder.HasKey(r => r.Id);
        builder.HasOne<Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.MovedBy).HasConversion<SnakeCaseEnumConverter<BookingActor>>().HasMaxLength(10);
        builder.Property(r => r.MovedByUserId).HasMaxLength(64);
        builder.HasIndex(r => new { r.BookingId, r.At });
    }
}
