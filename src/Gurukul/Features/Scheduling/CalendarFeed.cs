using System.Security.Cryptography;
using Gurukul.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Scheduling;

/// <summary>
/// A user's private calendar feed address. The secret in the address is looked up by its SHA-256 hash, and kept, encrypted
/// with the app's data-protection keys, only so the user can be shown the same address again. Replacing it (a leaked
/// address) makes the old one answer 404 at once.
/// </summary>
public sealed class CalendarFeed
{
    public required string UserId { get; init; }
    public required byte[] TokenHash { get; set; }
    public required string ProtectedToken { get; set; }
    public Instant CreatedAt { get; set; }

    /// <summary>A new secret: 32 random bytes, URL-safe. Returns it with its hash.</summary>
    public static (string Token, byte[] Hash) NewToken()
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.HasKey(f => f.UserId);
        builder.HasOne<User>().WithOne().HasForeignKey<CalendarFeed>(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.Property(f => f.TokenHash).HasMaxLength(32);
        builder.Property(f => f.ProtectedToken).HasMaxLength(400);
    }
}
