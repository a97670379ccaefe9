using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gurukul.Features.Reference;

/// <summary>A group in the subjects and skills taxonomy: school subjects, entrance exams, careers …</summary>
public sealed class SubjectCategory
{
    public required string Slug { get; init; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public List<Subject> Subjects { get; init; } = [];
}

/// <summary>Something a mentor teaches, identified by a stable slug (<c>jee-main</c>).</summary>
public sealed class Subject
{
    public required string Slug { get; init; }
    public required string Name { get; set; }
    public required string CategorySlug { get; set; }
}

internal sealed class SubjectCategoryConfiguration : IEntityTypeConfiguration<SubjectCategory>
{
    public void Configure(EntityTypeBuilder<SubjectCategory> builder)
    {
        builder.HasKey(c => c.Slug);
        builder.Property(c => c.Slug).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(120);
        builder.HasMany(c => c.Subjects).WithOne().HasForeignKey(s => s.CategorySlug).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.HasKey(s => s.Slug);
        builder.Property(s => s.Slug).HasMaxLength(64);
        builder.Property(s => s.Name).HasMaxLength(120);
        builder.Property(s => s.CategorySlug).HasMaxLength(64);
    }
}
