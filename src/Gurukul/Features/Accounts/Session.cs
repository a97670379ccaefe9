using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Gurukul.Features.Accounts;

public enum SessionKind
{
    /// <summary>The web UI: the session id travels in the HttpOnly cookie.</summary>
    Cookie,

    /// <summary>API clients: a short-lived access token and a refresh token, rotated on use.</summary>
    Bearer,
}

/// <summary>
/// One signed-in device. Every request checks its session, so sign-out, password change, suspension and any
/// security-stamp change end it at once, for cookies and tokens alike. Tokens are stored only as SHA-256 hashes.
/// Lifetimes: docs/adr/0007-sessions-and-tokens.md.
/// </summary>
public sealed class Session
{
    public static readonly Duration AccessLifetime = Duration.FromHours(1);
    public static readonly Duration RefreshLifetime = Duration.FromDays(30);
    public static readonly Duration CookieLifetime = Duration.FromDays(14);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public SessionKind Kind { get; init; }
    public string? AccessTokenHash { get; private set; }
    public string? RefreshTokenHash { get; private set; }

    /// <summary>The user's security stamp when the session began: a later change (password, 2FA, suspension) ends it.</summary>
    public required string SecurityStamp { get; init; }

    public Instant CreatedAt { get; init; }

    /// <summary>When the access token (bearer) or the whole session (cookie) stops working.</summary>
    public Instant ExpiresAt { get; private set; }

    public Instant? RefreshExpiresAt { get; private set; }
    public Instant? RevokedAt { get; private set; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }

    public static Session StartCookie(string userId, string securityStamp, Instant now, string? ip, string? userAgent) => new()
    {
        UserId = userId,
        Kind = SessionKind.Cookie,
        SecurityStamp = securityStamp,
        CreatedAt = now,
        ExpiresAt = now + CookieLifetime,
        IpAddress = ip,
        UserAgent = userAgent,
    };

    public static (Session Session, IssuedTokens Tokens) StartBearer(string userId, string securityStamp, Instant now, string? ip, string? userAgent)
    {
        var session = new Session { UserId = userId, Kind = SessionKind.Bearer, SecurityStamp = securityStamp, CreatedAt = now, IpAddress = ip, UserAgent = userAgent };
        return (session, session.IssueTokens(now));
    }

    public bool IsActive(Instant now, string? currentStamp) => RevokedAt is null && now < ExpiresAt && currentStamp == SecurityStamp;

    public bool CanRefresh(Instant now, string? currentStamp) =>
        Kind == SessionKind.Bearer && RevokedAt is null && now < RefreshExpiresAt && currentStamp == SecurityStamp;

    /// <summary>New access and refresh tokens; the old ones stop working (refresh-token rotation).</summary>
    public IssuedTokens IssueTokens(Instant now)
    {
        if (Kind != SessionKind.Bearer)
        {
            throw new InvalidOperationException("Cookie sessions have no tokens.");
        }

        var access = NewSecret();
        var refresh = NewSecret();
        AccessTokenHash = Hash(access);
        RefreshTokenHash = Hash(refresh);
        ExpiresAt = now + AccessLifetime;
        RefreshExpiresAt = now + RefreshLifetime;
        return new IssuedTokens(access, ExpiresAt, refresh, RefreshExpiresAt.Value);
    }

    /// <summary>
    /// A refresh: new tokens, and the refresh token they replace kept as retired, so that a replay of it is recognised as
    /// reuse (RFC 6819 §5.2.2.3) rather than as a mere unknown token.
    /// </summary>
    public (IssuedTokens Tokens, RetiredRefreshToken Retired) Rotate(Instant now)
    {
        var retired = new RetiredRefreshToken { TokenHash = RefreshTokenHash!, SessionId = Id, RetiredAt = now };
        return (IssueTokens(now), retired);
    }

    public void Revoke(Instant at) => RevokedAt ??= at;

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}

/// <summary>
/// A refresh token that was exchanged for a new one. Presenting it again means two parties hold the session's tokens (one of
/// them stole it), so the whole session ends. Its primary key also settles two refreshes racing with one token: only one
/// can retire it. Rows go with their session.
/// </summary>
public sealed class RetiredRefreshToken
{
    public required string TokenHash { get; init; }
    public required Guid SessionId { get; init; }
    public Instant RetiredAt { get; init; }
}

public sealed record IssuedTokens(string AccessToken, Instant ExpiresAt, string RefreshToken, Instant RefreshExpiresAt);

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasConversion<SnakeCaseEnumConverter<SessionKind>>().HasMaxLength(10);
        builder.Property(s => s.AccessTokenHash).HasMaxLength(64);
        builder.Property(s => s.RefreshTokenHash).HasMaxLength(64);
        builder.Property(s => s.SecurityStamp).HasMaxLength(256);
        builder.Property(s => s.IpAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(300);
        builder.HasIndex(s => s.AccessTokenHash).IsUnique();
        builder.HasIndex(s => s.RefreshTokenHash).IsUnique();
        builder.HasIndex(s => s.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RetiredRefreshTokenConfiguration : IEntityTypeConfiguration<RetiredRefreshToken>
{
    public void Configure(EntityTypeBuilder<RetiredRefreshToken> builder)
    {
        builder.ToTable("retired_refresh_tokens");
        builder.HasKey(t => t.TokenHash);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
