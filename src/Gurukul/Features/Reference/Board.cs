using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gurukul.Features.Reference;

/// <summary>A school examination board a school student studies under: national (CBSE), a state's, or international.</summary>
public sealed class Board
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 160;
    public const int StateMaxLength = 80;

    /// <summary>Stable lowercase code stored on profiles: <c>cbse</c>, <c>bsetelangana</c>.</summary>
    public required string Code { get; init; }
    public required string Name { get; set; }

    /// <summary>The state a state board belongs to; null for national and international boards.</summary>
    public string? State { get; set; }
    public int SortOrder { get; set; }
}

internal sealed class BoardConfiguration : IEntityTypeConfiguration<Board>
{
    public void Configure(EntityTypeBuilder<Board> builder)
    {
        builder.HasKey(b => b.Code);
        builder.Property(b => b.Code).HasMaxLength(Board.CodeMaxLength);
        builder.Property(b => b.Name).HasMaxLength(Board.NameMaxLength);
        builder.Property(b => b.State).HasMaxLength(Board.StateMaxLength);
    }
}
