using System.Net.Mail;
using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Accounts;

/// <summary>The account use cases, one method each, shared by the API and the pages.</summary>
public sealed class AccountsService(
    GurukulDbContext db,
    UserManager<User> users,
    AccountMails mails,
    AuditLog audit,
    IUserStore<User> authenticatorKeys,
    IClock clock,
    IStringLocalizer<Strings> text)
{
    // Verifying against this when the email is unknown makes both failures take the same time.
    private static readonly string TimingDecoyHash = new PasswordHasher<User>().HashPassword(new User { Name = "-" }, "timing-decoy-password");

    public async Task<User> RegisterAsync(RegisterRequest request, ClientInfo client, string baseUrl, CancellationToken cancellationToken)
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        var errors = new FieldErrors();
        var email = ValidEmail(request.Email, "email", errors);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 120)
        {
            errors.Add("name", text["validation.name"]);
        }

        var role = request.Role?.Trim().ToLowerInvariant();
        if (role is not (Roles.Student or Roles.Mentor))
        {
            errors.Add("role", text["validation.role"]);
        }

        LocalDate? dateOfBirth = null;
        if (!string.IsNullOrWhiteSpace(request.DateOfBirth))
        {
            var parsed = LocalDatePattern.Iso.Parse(request.DateOfBirth.Trim());
            if (!parsed.Success || parsed.Value > today || parsed.Value < today.PlusYears(-120))
            {
                errors.Add("dateOfBirth", text["validation.date_of_birth"]);
            }
            else
            {
                dateOfBirth = parsed.Value;
            }
        }
        else if (role == Roles.Student)
        {
            // Needed to know whether a guardian must consent; API clients for mentors may leave it out.
            errors.Add("dateOfBirth", text["validation.date_of_birth_required"]);
        }

        if (role == Roles.Mentor && dateOfBirth is { } mentorBorn && Period.Between(mentorBorn, today, PeriodUnits.Years).Years < User.AdultAge)
        {
            errors.Add("dateOfBirth", text["validation.mentor_adult"]);
        }

        var needsGuardian = role == Roles.Student && dateOfBirth is { } born && User.NeedsGuardianConsent(born, today);
        string? guardianEmail = null;
        if (needsGuardian)
        {
            guardianEmail = ValidEmail(request.GuardianEmail, "guardianEmail", errors, text["validation.guardian_email"]);
            if (guardianEmail is not null && string.Equals(guardianEmail, email, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("guardianEmail", text["validation.guardian_email_own"]);
            }
        }

        var locale = request.Locale?.Trim().ToLowerInvariant() ?? "en";
        if (locale is not ("en" or "hi" or "te"))
        {
            errors.Add("locale", text["validation.locale"]);
        }

        await ValidatePasswordAsync(request.Password, "password", errors);
        errors.ThrowIfAny();

        var now = clock.GetCurrentInstant();
        var user = new User { UserName = email, Email = email, Name = name!, Locale = locale, DateOfBirth = dateOfBirth, CreatedAt = now };
        if (needsGuardian)
        {
            user.AwaitGuardianConsent(guardianEmail!);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CreateOrConflictAsync(user, request.Password!);
        Check(await users.AddToRoleAsync(user, role!));
        mails.ConfirmEmail(user, baseUrl, LinkTokens.Pack(user.Id, await users.GenerateEmailConfirmationTokenAsync(user)));
        if (needsGuardian)
        {
            var consentToken = await users.GenerateUserTokenAsync(user, GuardianConsentTokens.ProviderName, GuardianConsentTokens.Purpose);
            mails.GuardianConsentRequest(user, baseUrl, LinkTokens.Pack(user.Id, consentToken));
        }

        audit.Add(AuditActions.SignUp, client, user.Id, user.Id, role);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    /// <summary>Checks email, password and (when enabled) the two-factor code; the caller then starts a session.</summary>
    public async Task<User> VerifyCredentialsAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim() ?? "";
        var user = email.Length is > 0 and <= 256 ? await users.FindByEmailAsync(email) : null;
        if (user is null)
        {
            new PasswordHasher<User>().VerifyHashedPassword(new User { Name = "-" }, TimingDecoyHash, request.Password ?? "");
            audit.Add(AuditActions.SignInFailed, client, detail: "unknown email " + Truncate(email, 100));
            await db.SaveChangesAsync(cancellationToken);
            throw WrongCredentials();
        }

        await ThrowIfLockedOutAsync(user);
        if (!await users.CheckPasswordAsync(user, request.Password ?? ""))
        {
            await FailAsync(user, client, "wrong password", cancellationToken);
            throw WrongCredentials();
        }

        if (user.TwoFactorEnabled)
        {
            var typed = (request.TotpCode ?? "").Trim();
            if (typed.Length == 0)
            {
                throw new UnauthorizedException(text["account.two_factor_required"], twoFactorRequired: true);
            }

            // Authenticator codes are checked as digits ("123 456" works); recovery codes exactly as issued.
            var digits = typed.Replace(" ", "", StringComparison.Ordinal);
            var valid = (digits.Length == 6 && digits.All(char.IsAsciiDigit)
                    && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
                || (await users.RedeemTwoFactorRecoveryCodeAsync(user, typed)).Succeeded;
            if (!valid)
            {
                await FailAsync(user, client, "wrong two-factor code", cancellationToken);
                throw new UnauthorizedException(text["account.two_factor_wrong"], twoFactorRequired: true);
            }
        }

        if (!user.CanSignIn)
        {
            audit.Add(AuditActions.SignInFailed, client, user.Id, user.Id, "account " + SnakeCaseNames.ToSnakeCase(user.Status.ToString()));
            await db.SaveChangesAsync(cancellationToken);
            throw new ForbiddenException(text[user.Status == AccountStatus.Suspended ? "account.suspended" : "account.guardian_refused"]);
        }

        await users.ResetAccessFailedCountAsync(user);
        return user;
    }

    public async Task<(User User, IssuedTokens Tokens)> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await VerifyCredentialsAsync(request, client, cancellationToken);
        var tokens = StartBearerSession(user, client, clock.GetCurrentInstant());
        audit.Add(AuditActions.SignInSucceeded, client, user.Id, user.Id, "api");
        await db.SaveChangesAsync(cancellationToken);
        return (user, tokens);
    }

    /// <summary>Starts a cookie session for the web UI; its id goes into the cookie.</summary>
    public async Task<Session> StartCookieSessionAsync(User user, ClientInfo client, CancellationToken cancellationToken)
    {
        var session = Session.StartCookie(user.Id, user.SecurityStamp!, clock.GetCurrentInstant(), client.IpAddress, client.UserAgent);
        db.Add(session);
        audit.Add(AuditActions.SignInSucceeded, client, user.Id, user.Id, "web");
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    public async Task<(User User, IssuedTokens Tokens)> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        var hash = Session.Hash(request.RefreshToken ?? "");
        var found = await db.Set<Session>()
            .Where(s => s.RefreshTokenHash == hash)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, User = u })
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        if (found is null || !found.Session.CanRefresh(now, found.User.SecurityStamp) || !found.User.CanSignIn)
        {
            throw new UnauthorizedException(text["account.refresh_invalid"]);
        }

        var tokens = found.Session.IssueTokens(now);
        await db.SaveChangesAsync(cancellationToken);
        return (found.User, tokens);
    }

    public async Task SignOutAsync(Guid sessionId, string userId, ClientInfo client, CancellationToken cancellationToken)
    {
        var session = await db.Set<Session>().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        session?.Revoke(clock.GetCurrentInstant());
        audit.Add(AuditActions.SignOut, client, userId, userId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<UserDto> GetUserAsync(string userId) => await ToDtoAsync(await FindAsync(userId));

    public async Task ConfirmEmailAsync(TokenRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var (user, token) = await FromLinkAsync(request.Token, "token");
        var result = await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            throw new ValidationException("token", text["validation.link_invalid"]);
        }

        audit.Add(AuditActions.EmailConfirmed, client, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Always succeeds from the caller's point of view: whether the email has an account is never revealed.</summary>
    public async Task RequestPasswordResetAsync(ForgotPasswordRequest request, ClientInfo client, string baseUrl, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim() ?? "";
        var user = email.Length is > 0 and <= 256 ? await users.FindByEmailAsync(email) : null;
        if (user is { CanSignIn: true })
        {
            mails.PasswordReset(user, baseUrl, LinkTokens.Pack(user.Id, await users.GeneratePasswordResetTokenAsync(user)));
        }

        // Written in both cases, so an unknown email costs the same database work as a known one.
        audit.Add(AuditActions.PasswordResetRequested, client, subjectUserId: user?.Id, detail: user is null ? "unknown email " + Truncate(email, 100) : null);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ResetPasswordAsync(ResetPasswordRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        await ValidatePasswordAsync(request.NewPassword, "newPassword", errors);
        errors.ThrowIfAny();
        var (user, token) = await FromLinkAsync(request.Token, "token");
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword!);
        if (!result.Succeeded)
        {
            throw new ValidationException("token", text["validation.link_invalid"]);
        }

        // The new stamp has already ended every session; a reset also lifts a lockout.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add(AuditActions.PasswordReset, client, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Changes the password, which ends every session, and starts a fresh one for the caller.</summary>
    public async Task<User> ChangePasswordAsync(string userId, ChangePasswordRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword) || !await users.CheckPasswordAsync(user, request.CurrentPassword))
        {
            errors.Add("currentPassword", text["validation.current_password"]);
        }

        await ValidatePasswordAsync(request.NewPassword, "newPassword", errors);
        errors.ThrowIfAny();
        Check(await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!));
        audit.Add(AuditActions.PasswordChanged, client, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<IssuedTokens> StartBearerSessionAsync(User user, ClientInfo client, CancellationToken cancellationToken)
    {
        var tokens = StartBearerSession(user, client, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }

    public async Task<TwoFactorSetup> BeginTwoFactorSetupAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var key = await users.GetAuthenticatorKeyAsync(user);
        // The pending key is kept until two-factor is on: re-showing the setup (say, after a mistyped code) must not
        // invalidate what the person already scanned.
        if (string.IsNullOrEmpty(key))
        {
            // A fresh key, written without UserManager.ResetAuthenticatorKeyAsync, which would also change the security
            // stamp and end every session just for starting the setup. Enabling two-factor changes the stamp.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<User>)authenticatorKeys).SetAuthenticatorKeyAsync(user, key, cancellationToken);
            Check(await OrConflictAsync(users.UpdateAsync(user)));
        }

        var label = Uri.EscapeDataString("Gurukul:" + user.Email);
        return new TwoFactorSetup(key!, $"otpauth://totp/{label}?secret={key}&issuer=Gurukul&digits=6");
    }

    /// <summary>Turns two-factor sign-in on (ending other sessions) and returns single-use recovery codes.</summary>
    public async Task<(User User, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync(string userId, TwoFactorCodeRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        var code = (request.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throw new ValidationException("code", text["validation.two_factor_code"]);
        }

        Check(await users.SetTwoFactorEnabledAsync(user, true));
        // Null when the codes could not be stored: another request changed the account meanwhile.
        var codes = (await OrConflictAsync(users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))
            ?? throw new ConflictException(text["account.changed_meanwhile"])).ToList();
        audit.Add(AuditActions.TwoFactorEnabled, client, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return (user, codes);
    }

    public async Task<User> DisableTwoFactorAsync(string userId, TwoFactorDisableRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        if (string.IsNullOrEmpty(request.Password) || !await users.CheckPasswordAsync(user, request.Password))
        {
            throw new ValidationException("password", text["validation.current_password"]);
        }

        if (await users.IsInRoleAsync(user, Roles.Admin) || await users.IsInRoleAsync(user, Roles.Support))
        {
            throw new ConflictException(text["account.two_factor_staff"]);
        }

        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await OrConflictAsync(users.ResetAuthenticatorKeyAsync(user)));
        audit.Add(AuditActions.TwoFactorDisabled, client, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<GuardianRequestDto> GetGuardianRequestAsync(string? token)
    {
        var (user, _) = await FromGuardianLinkAsync(token);
        var roles = await users.GetRolesAsync(user);
        return new GuardianRequestDto(user.Name, user.Email!, roles.FirstOrDefault() ?? Roles.Student,
            user.DateOfBirth?.ToString("uuuu-MM-dd", null), user.CreatedAt.ToDateTimeUtc(), SnakeCaseNames.ToSnakeCase(user.Status.ToString()));
    }

    public async Task<GuardianRequestDto> DecideGuardianConsentAsync(GuardianDecisionRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var consented = request.Decision?.Trim().ToLowerInvariant() switch
        {
            "consent" => true,
            "refuse" => false,
            _ => throw new ValidationException("decision", text["validation.guardian_decision"]),
        };
        var (user, _) = await FromGuardianLinkAsync(request.Token);
        if (user.GuardianConsent != GuardianConsent.Pending)
        {
            throw new ConflictException(text["account.guardian_already_decided"]);
        }

        var now = clock.GetCurrentInstant();
        user.RecordGuardianDecision(consented, now);
        if (!consented)
        {
            await EndAllSessionsAsync(user.Id, now, cancellationToken);
        }

        audit.Add(consented ? AuditActions.GuardianConsented : AuditActions.GuardianRefused, client, subjectUserId: user.Id, detail: "guardian " + user.GuardianEmail);
        Check(await users.UpdateAsync(user));
        return await GetGuardianRequestAsync(request.Token);
    }

    public async Task<UserDto> ToDtoAsync(User user) => new(
        user.Id, user.Email!, user.Name, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)],
        SnakeCaseNames.ToSnakeCase(user.Status.ToString()), user.EmailConfirmed, user.Locale, user.TimeZone,
        user.IsMinorOn(clock.GetCurrentInstant().InUtc().Date), user.TwoFactorEnabled);

    public static AuthResponse ToResponse(UserDto user, IssuedTokens tokens) =>
        new(user, tokens.AccessToken, tokens.ExpiresAt.ToDateTimeUtc(), tokens.RefreshToken, tokens.RefreshExpiresAt.ToDateTimeUtc());

    internal async Task EndAllSessionsAsync(string userId, Instant now, CancellationToken cancellationToken)
    {
        foreach (var session in await db.Set<Session>().Where(s => s.UserId == userId && s.RevokedAt == null).ToListAsync(cancellationToken))
        {
            session.Revoke(now);
        }
    }

    private IssuedTokens StartBearerSession(User user, ClientInfo client, Instant now)
    {
        var (session, tokens) = Session.StartBearer(user.Id, user.SecurityStamp!, now, client.IpAddress, client.UserAgent);
        db.Add(session);
        return tokens;
    }

    private async Task CreateOrConflictAsync(User user, string password)
    {
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Another sign-up with this email committed first; the unique index settled it.
            throw new ConflictException(text["account.email_taken"]);
        }

        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new ConflictException(text["account.email_taken"]);
        }

        Check(result);
    }

    private async Task ThrowIfLockedOutAsync(User user)
    {
        if (await users.IsLockedOutAsync(user) && await users.GetLockoutEndDateAsync(user) is { } end)
        {
            throw new TooManyRequestsException(text["account.locked_out"], end - DateTimeOffset.UtcNow);
        }
    }

    private async Task FailAsync(User user, ClientInfo client, string reason, CancellationToken cancellationToken)
    {
        await users.AccessFailedAsync(user);
        audit.Add(AuditActions.SignInFailed, client, subjectUserId: user.Id, detail: reason);
        if (await users.IsLockedOutAsync(user))
        {
            audit.Add(AuditActions.LockedOut, client, subjectUserId: user.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await ThrowIfLockedOutAsync(user);
    }

    private async Task ValidatePasswordAsync(string? password, string field, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, text["validation.password_length", users.Options.Password.RequiredLength]);
            return;
        }

        if (password.Length > 256)
        {
            errors.Add(field, text["validation.password_too_long"]);
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, null!, password);
            if (!result.Succeeded)
            {
                errors.Add(field, text["validation.password_length", users.Options.Password.RequiredLength]);
                return;
            }
        }
    }

    private string? ValidEmail(string? value, string field, FieldErrors errors, string? message = null)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, message ?? text["validation.email"]);
            return null;
        }

        return email;
    }

    private async Task<(User User, string Token)> FromLinkAsync(string? packed, string field)
    {
        var link = LinkTokens.Unpack(packed);
        var user = link is null ? null : await users.FindByIdAsync(link.Value.UserId);
        return user is null ? throw new ValidationException(field, text["validation.link_invalid"]) : (user, link!.Value.Token);
    }

    private async Task<(User User, string Token)> FromGuardianLinkAsync(string? packed)
    {
        var (user, token) = await FromLinkAsync(packed, "token");
        return await users.VerifyUserTokenAsync(user, GuardianConsentTokens.ProviderName, GuardianConsentTokens.Purpose, token)
            ? (user, token)
            : throw new ValidationException("token", text["validation.link_invalid"]);
    }

    private async Task<User> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new NotFoundException(text["problem.404.title"]);

    private UnauthorizedException WrongCredentials() => new(text["account.wrong_credentials"]);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private void Check(IdentityResult result) => IdentityOutcomes.ThrowIfFailed(result, text);

    /// <summary>
    /// Identity keeps the authenticator key and the recovery codes as token rows: two requests for one account at the same
    /// moment can both insert the row, and the second loses on its key. That caller hears 409 and may simply try again.
    /// </summary>
    private async Task<T> OrConflictAsync<T>(Task<T> write)
    {
        try
        {
            return await write;
        }
        catch (DbUpdateException race) when (DbErrors.IsUniqueViolation(race))
        {
            throw new ConflictException(text["account.changed_meanwhile"]);
        }
    }
}
