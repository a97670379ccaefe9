using System.Security.Claims;
using Gurukul.Features.Audit;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Gurukul.Features.Accounts;

/// <summary>API.md "Accounts": sign-up, sign-in, tokens, email confirmation, password reset, the caller's account, 2FA.</summary>
public static class AccountsEndpoints
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        // 503: sign-up, sign-in and reset wait for a turn at hashing, and the queue can be full (docs/adr/0018).
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts").RequireRateLimiting(Policies.AuthRateLimit);
        auth.MapPost("/register", Register).AllowAnonymous().WithName("Register")
            .WithSummary("Sign up as a student or a mentor").WithDescription("Students under 16 must give guardianEmail; they stay pending_guardian_consent until the guardian agrees. 409 when the email is taken.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapPost("/login", Login).AllowAnonymous().WithName("Login")
            .WithSummary("Sign in with email, password and (when enabled) a TOTP or recovery code")
            .WithDescription("401 for a wrong email or password (the same answer for both), or a missing or wrong two-factor code (twoFactorRequired: true); "
                + "403 for a suspended account or a minor whose guardian refused; 429 while locked out after repeated failures.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        auth.MapPost("/refresh", Refresh).AllowAnonymous().WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new access token (the refresh token rotates)")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", Logout).RequireAuthorization().WithName("Logout")
            .WithSummary("End this session: the token or cookie stops working");
        auth.MapPost("/email/confirm", ConfirmEmail).AllowAnonymous().WithName("ConfirmEmail")
            .WithSummary("Confirm an email address with the emailed token");
        auth.MapPost("/password/forgot", ForgotPassword).AllowAnonymous().WithName("ForgotPassword")
            .WithSummary("Email a password-reset link (always 202: whether an account exists is not revealed)");
        auth.MapPost("/password/reset", ResetPassword).AllowAnonymous().WithName("ResetPassword")
            .WithSummary("Set a new password with the emailed token; ends every session")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var me = app.MapGroup("/api/v1/me").WithTags("Accounts").RequireAuthorization();
        me.MapGet("", Me).WithName("GetMe").WithSummary("The signed-in user");
        // Both take the current password: limited like sign-in, wrong guesses count toward the lockout (429), and the
        // check waits for a turn at hashing (503 when the queue is full).
        me.MapPost("/password", ChangePassword).RequireRateLimiting(Policies.AuthRateLimit).WithName("ChangePassword")
            .WithSummary("Change the password; ends every other session and returns a new one")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        me.MapPost("/two-factor/setup", BeginTwoFactor).WithName("BeginTwoFactorSetup")
            .WithSummary("Get the shared key and otpauth URI to add Gurukul to an authenticator app")
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/two-factor/enable", EnableTwoFactor).WithName("EnableTwoFactor")
            .WithSummary("Turn on two-factor sign-in with a code from the app; returns recovery codes and a new session")
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/two-factor/disable", DisableTwoFactor).RequireRateLimiting(Policies.AuthRateLimit).WithName("DisableTwoFactor")
            .WithSummary("Turn off two-factor sign-in (not allowed for admin and support: 409)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var guardian = app.MapGroup("/api/v1/guardian-consent").WithTags("Accounts").AllowAnonymous().RequireRateLimiting(Policies.AuthRateLimit);
        guardian.MapGet("", GetGuardianRequest).WithName("GetGuardianConsentRequest")
            .WithSummary("What the child signed up for, from the guardian's emailed token")
            .ProducesValidationProblem();
        guardian.MapPost("", DecideGuardianConsent).WithName("DecideGuardianConsent")
            .WithSummary("The guardian consents or refuses: { token, decision: \"consent\"|\"refuse\" } (409 once decided)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<AuthResponse>> Register(RegisterRequest request, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(http);
        var user = await accounts.RegisterAsync(request, client, PublicUrls.BaseUrl(http), cancellationToken);
        return TypedResults.Created("/api/v1/me", await NewSessionAsync(accounts, user, client, cancellationToken));
    }

    private static async Task<Ok<AuthResponse>> Login(LoginRequest request, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        var (user, tokens) = await accounts.LoginAsync(request, ClientInfo.From(http), cancellationToken);
        return TypedResults.Ok(AccountsService.ToResponse(await accounts.ToDtoAsync(user), tokens));
    }

    private static async Task<Ok<AuthResponse>> Refresh(RefreshRequest request, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        var (user, tokens) = await accounts.RefreshAsync(request, ClientInfo.From(http), cancellationToken);
        return TypedResults.Ok(AccountsService.ToResponse(await accounts.ToDtoAsync(user), tokens));
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal principal, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(principal.FindFirstValue(SessionValidator.SessionIdClaim), out var sessionId))
        {
            await accounts.SignOutAsync(sessionId, UserId(principal), ClientInfo.From(http), cancellationToken);
        }

        if (principal.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ConfirmEmail(TokenRequest request, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        await accounts.ConfirmEmailAsync(request, ClientInfo.From(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted> ForgotPassword(ForgotPasswordRequest request, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        await accounts.RequestPasswordResetAsync(request, ClientInfo.From(http), PublicUrls.BaseUrl(http), cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> ResetPassword(ResetPasswordRequest request, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        await accounts.ResetPasswordAsync(request, ClientInfo.From(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserDto>> Me(ClaimsPrincipal principal, AccountsService accounts) =>
        TypedResults.Ok(await accounts.GetUserAsync(UserId(principal)));

    private static async Task<Ok<AuthResponse>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(http);
        var user = await accounts.ChangePasswordAsync(UserId(principal), request, client, cancellationToken);
        return TypedResults.Ok(await NewSessionAsync(accounts, user, client, cancellationToken));
    }

    private static async Task<Ok<TwoFactorSetup>> BeginTwoFactor(ClaimsPrincipal principal, AccountsService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.BeginTwoFactorSetupAsync(UserId(principal), cancellationToken));

    private static async Task<Ok<RecoveryCodes>> EnableTwoFactor(
        TwoFactorCodeRequest request, ClaimsPrincipal principal, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(http);
        var (user, codes) = await accounts.EnableTwoFactorAsync(UserId(principal), request, client, cancellationToken);
        return TypedResults.Ok(new RecoveryCodes(codes, await NewSessionAsync(accounts, user, client, cancellationToken)));
    }

    private static async Task<Ok<AuthResponse>> DisableTwoFactor(
        TwoFactorDisableRequest request, ClaimsPrincipal principal, AccountsService accounts, HttpContext http, CancellationToken cancellationToken)
    {
        var client = ClientInfo.From(http);
        var user = await accounts.DisableTwoFactorAsync(UserId(principal), request, client, cancellationToken);
        return TypedResults.Ok(await NewSessionAsync(accounts, user, client, cancellationToken));
    }

    private static async Task<Ok<GuardianRequestDto>> GetGuardianRequest(string? token, AccountsService accounts) =>
        TypedResults.Ok(await accounts.GetGuardianRequestAsync(token));

    private static async Task<Ok<GuardianRequestDto>> DecideGuardianConsent(
        GuardianDecisionRequest request, AccountsService accounts, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.DecideGuardianConsentAsync(request, ClientInfo.From(http), cancellationToken));

    /// <summary>After sign-up, or after a change that ended every session, the caller continues in a new one.</summary>
    private static async Task<AuthResponse> NewSessionAsync(AccountsService accounts, User user, ClientInfo client, CancellationToken cancellationToken) =>
        AccountsService.ToResponse(await accounts.ToDtoAsync(user), await accounts.StartBearerSessionAsync(user, client, cancellationToken));

    public static string UserId(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in principal has no user id.");
}
