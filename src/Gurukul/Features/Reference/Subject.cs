using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gurukul.Features.Reference;

/// <summary>A group in the subjects and skills taxonomy: school subjects, entrance exams, careers …</summary>
public sealed class SubjectCategory
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 120;

    public required string Slug { get; init; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public List<Subject> Subjects { get; init; } = [];
}

/// <summary>Something a mentor teaches, identified by a stable slug (<c>jee-main</c>).</summary>
public sealed class Subject
{
    public const int SlugMaxLength = 64;
    public const int NameMaxLength = 120;

    public required string Slug { get; init; }
    public required string Name { get; set; }
    public required string CategorySlug { get; set; }
}

internal sealed class SubjectCategoryConfiguration : IEntityTypeConfiguration<SubjectCategory>
{
    public void Configure(EntityTypeBuilder<SubjectCategory> builder)
    {
        builder.HasKey(c => c.Slug);
        builder.Property(c => c.Slug).HasMaxLength(SubjectCategory.SlugMaxLength);
        builder.Property(c => c.Name).HasMaxLength(SubjectCategory.NameMaxLength);
        builder.HasMany(c => c.Subjects).WithOne().HasForeignKey(s => s.CategorySlug).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> builder)
    {
        builder.HasKey(s => s.Slug);
        builder.Property(s => s.Slug).HasMaxLength(Subject.SlugMaxLength);
        builder.Property(s => s.Name).HasMaxLength(Subject.NameMaxLength);
        builder.Property(s => s.CategorySlug).HasMaxLength(SubjectCategory.SlugMaxLength);
    }
}
