using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gurukul.Features.Reference;

/// <summary>A language people learn in: ISO 639-1 code where one exists (639-2/3 otherwise), with its own-script name.</summary>
public sealed class Language
{
    public const int NameMaxLength = 64;

    public required string Code { get; init; }
    public required string EnglishName { get; set; }
    public required string NativeName { get; set; }

    /// <summary>One of the 22 languages of the Eighth Schedule of the Constitution of India.</summary>
    public bool Scheduled { get; set; }
}

internal sealed class LanguageConfiguration : IEntityTypeConfiguration<Language>
{
    public void Configure(EntityTypeBuilder<Language> builder)
    {
        builder.HasKey(l => l.Code);
        builder.Property(l => l.Code).HasMaxLength(8);
        builder.Property(l => l.EnglishName).HasMaxLength(Language.NameMaxLength);
        builder.Property(l => l.NativeName).HasMaxLength(Language.NameMaxLength);
    }
}
