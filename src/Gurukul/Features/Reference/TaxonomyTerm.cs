using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gurukul.Features.Reference;

/// <summary>What a term names: a subject (exams are subjects too), a subject category, a school board or a language.</summary>
public enum TermKind
{
    Subject,
    Category,
    Board,
    Language,
}

/// <summary>
/// One name of a taxonomy entry in one language: the name pages show in that language (<see cref="IsName"/>) or a synonym
/// search also understands — another spelling, an abbreviation, the same name typed in Latin letters ("bhautik vigyan" is
/// a Hindi synonym of Physics). The multilingual term dictionary of ADR 0022: data that admins edit, seeded from
/// <c>Platform/Data/Seed/terms.json</c>. English names stay on the entries themselves; English terms here are synonyms.
/// </summary>
public sealed class TaxonomyTerm
{
    public const int KeyMaxLength = 64;
    public const int TextMaxLength = 160;

    public long Id { get; init; }
    public required TermKind Kind { get; init; }

    /// <summary>The entry's slug or code: <c>school-physics</c>, <c>cbse</c>, <c>te</c>.</summary>
    public required string Key { get; init; }

    /// <summary>ISO 639 code of the language the term belongs to, whatever script it is written in.</summary>
    public required string Language { get; init; }
    public required string Text { get; set; }

    /// <summary>The name shown on pages in <see cref="Language"/>; at most one per entry and language.</summary>
    public bool IsName { get; set; }
}

internal sealed class TaxonomyTermConfiguration : IEntityTypeConfiguration<TaxonomyTerm>
{
    public void Configure(EntityTypeBuilder<TaxonomyTerm> builder)
    {
        builder.ToTable("taxonomy_terms");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasConversion<SnakeCaseEnumConverter<TermKind>>().HasMaxLength(20);
        builder.Property(t => t.Key).HasMaxLength(TaxonomyTerm.KeyMaxLength);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Text).HasMaxLength(TaxonomyTerm.TextMaxLength);
        builder.HasIndex(t => new { t.Kind, t.Key, t.Language, t.Text }).IsUnique();
    }
}
