using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Mentors.Verification;

public enum DocumentKind
{
    IdProof,
    DegreeCertificate,
    ExperienceLetter,
}

/// <summary>
/// A private verification document. The bytes live in file storage under <see cref="StorageKey"/>; they are reached only
/// through short-lived signed links handed to the mentor who uploaded them, admins and support.
/// </summary>
public sealed class MentorDocument
{
    /// <summary>Enough for an ID, degrees and several letters; more is a mistake or abuse.</summary>
    public const int MaxPerMentor = 10;
    public const int MaxFileNameLength = 255;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MentorId { get; init; }
    public DocumentKind Kind { get; init; }

    /// <summary>The name the mentor's file had, shown as a label only: never part of a storage path.</summary>
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public long SizeBytes { get; init; }
    public required string Sha256 { get; init; }
    public required string StorageKey { get; init; }
    public Instant UploadedAt { get; init; }
}

internal sealed class MentorDocumentConfiguration : IEntityTypeConfiguration<MentorDocument>
{
    public void Configure(EntityTypeBuilder<MentorDocument> builder)
    {
        builder.ToTable("mentor_documents");
        builder.HasKey(d => d.Id);
        builder.HasOne<MentorProfile>().WithMany().HasForeignKey(d => d.MentorId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Kind).HasConversion<SnakeCaseEnumConverter<DocumentKind>>().HasMaxLength(40);
        builder.Property(d => d.FileName).HasMaxLength(MentorDocument.MaxFileNameLength);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.StorageKey).HasMaxLength(512);
        builder.HasIndex(d => new { d.MentorId, d.UploadedAt });
    }
}
