using System.ComponentModel;

namespace Gurukul.Features.Accounts;

// Request bodies take strings for every field so that a malformed value is a field error ("dateOfBirth: use
// YYYY-MM-DD"), not an unreadable body. A field the contract lets a client leave out has a default (= null): the
// OpenAPI document then marks it optional; the others are required there, and not nullable (ADR 0019).
public sealed record RegisterRequest(
    string? Email, string? Password, string? Name, [property: Description("student or mentor.")] string? Role,
    [property: Description("YYYY-MM-DD. Required for students (under 16 they need a guardian's consent); mentors may leave it out.")]
    string? DateOfBirth = null,
    [property: Description("Required for students under 16: the guardian asked to consent.")] string? GuardianEmail = null,
    [property: Description("en (the default), hi or te.")] string? Locale = null);

public sealed record LoginRequest(
    string? Email, string? Password,
    [property: Description("A code from the authenticator app, or a recovery code, when two-factor sign-in is on.")] string? TotpCode = null);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record TokenRequest(string? Token);

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TwoFactorCodeRequest(string? Code);

public sealed record TwoFactorDisableRequest(string? Password);

public sealed record GuardianDecisionRequest(string? Token, string? Decision);

/// <summary>API.md <c>user</c>: <c>{ id, email, name, roles, status, emailConfirmed, locale, timezone }</c>, plus <c>minor</c> and <c>twoFactorEnabled</c>.</summary>
public sealed record UserDto(
    string Id, string Email, string Name, IReadOnlyList<string> Roles, string Status, bool EmailConfirmed, string Locale, string Timezone,
    bool Minor, bool TwoFactorEnabled);

/// <summary>API.md <c>{ user, accessToken, expiresAt }</c>, plus the refresh token that renews it.</summary>
public sealed record AuthResponse(UserDto User, string AccessToken, DateTime ExpiresAt, string RefreshToken, DateTime RefreshExpiresAt);

public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

public sealed record RecoveryCodes(IReadOnlyList<string> Codes, AuthResponse Session);

/// <summary>What a guardian is asked to agree to.</summary>
public sealed record GuardianRequestDto(string ChildName, string ChildEmail, string Role, string? DateOfBirth, DateTime SignedUpAt, string Status);
