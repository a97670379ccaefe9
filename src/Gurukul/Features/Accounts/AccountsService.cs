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
    PasswordHashingGate hashing,
    PasswordDecoy decoy,
    IClock clock,
    IStringLocalizer<Strings> text)
{
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

        var now = clock.GetCurrentInstant();
        var user = new User { UserName = email, Email = email, Name = name ?? "", Locale = locale, DateOfBirth = dateOfBirth, CreatedAt = now };
        await ValidatePasswordAsync(request.Password, "password", errors, user);
        errors.ThrowIfAny();

        if (needsGuardian)
        {
            user.AwaitGuardianConsent(guardianEmail!);
        }

        // Hashed before the transaction: a wait for a turn at hashing holds no database transaction open.
        user.PasswordHash = await HashAsync(user, request.Password!, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await CreateOrConflictAsync(user);
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
            throw await RefuseUnknownEmailAsync(email, request.Password ?? "", client, cancellationToken);
        }

        await ThrowIfLockedOutAsync(user);
        if (!await CheckPasswordAsync(user, request.Password, cancellationToken))
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

    /// <summary>
    /// Exchanges a refresh token for new tokens. A refresh token that was already exchanged ends its whole session: two
    /// parties hold it, and the server cannot tell which one is the thief (RFC 6819 §5.2.2.3).
    /// </summary>
    public async Task<(User User, IssuedTokens Tokens)> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var hash = Session.Hash(request.RefreshToken ?? "");
        var found = await db.Set<Session>()
            .Where(s => s.RefreshTokenHash == hash)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, User = u })
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        if (found is null)
        {
            await EndSessionOfRetiredTokenAsync(hash, client, now, cancellationToken);
            throw new UnauthorizedException(text["account.refresh_invalid"]);
        }

        if (!found.Session.CanRefresh(now, found.User.SecurityStamp) || !found.User.CanSignIn)
        {
            throw new UnauthorizedException(text["account.refresh_invalid"]);
        }

        var (tokens, retired) = found.Session.Rotate(now);
        db.Add(retired);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException raced) when (DbErrors.IsUniqueViolation(raced))
        {
            // Another request retired this very token first: it was presented twice, which is reuse too.
            db.ChangeTracker.Clear();
            await EndSessionOfRetiredTokenAsync(hash, client, now, cancellationToken);
            throw new UnauthorizedException(text["account.refresh_invalid"]);
        }

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
        var link = LinkTokens.Unpack(request.Token);
        var linked = link is null ? null : await users.FindByIdAsync(link.Value.UserId);
        var errors = new FieldErrors();
        await ValidatePasswordAsync(request.NewPassword, "newPassword", errors, linked);
        errors.ThrowIfAny();
        if (linked is not { } user)
        {
            throw new ValidationException("token", text["validation.link_invalid"]);
        }

        IdentityResult result;
        using (await hashing.EnterAsync(cancellationToken))
        {
            result = await users.ResetPasswordAsync(user, link!.Value.Token, request.NewPassword!);
        }

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

    /// <summary>
    /// Changes the password, which ends every session, and starts a fresh one for the caller. A wrong current password
    /// counts toward the lockout like a wrong one at sign-in, so a stolen session cannot be used to guess it.
    /// </summary>
    public async Task<User> ChangePasswordAsync(string userId, ChangePasswordRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId);
        await ThrowIfLockedOutAsync(user);
        var errors = new FieldErrors();
        await ValidatePasswordAsync(request.NewPassword, "newPassword", errors, user);
        if (!await CheckPasswordAsync(user, request.CurrentPassword, cancellationToken))
        {
            await FailAsync(user, client, "wrong current password (password change)", cancellationToken);
            errors.Add("currentPassword", text["validation.current_password"]);
        }

        errors.ThrowIfAny();
        // What UserManager.ChangePasswordAsync does, without checking the current password a second time: the new hash, a
        // new security stamp (ending every session), saved together.
        user.PasswordHash = await HashAsync(user, request.NewPassword!, cancellationToken);
        Check(await users.UpdateSecurityStampAsync(user));
        await users.ResetAccessFailedCountAsync(user);
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
        await ThrowIfLockedOutAsync(user);
        if (!await CheckPasswordAsync(user, request.Password, cancellationToken))
        {
            await FailAsync(user, client, "wrong current password (two-factor off)", cancellationToken);
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

    private async Task CreateOrConflictAsync(User user)
    {
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user);
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

        // ValidEmail refuses what Identity would; should their rules ever part, the caller still gets a 400 on email.
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName)))
        {
            throw new ValidationException("email", text["validation.email"]);
        }

        Check(result);
    }

    private async Task ThrowIfLockedOutAsync(User user)
    {
        if (await users.IsLockedOutAsync(user) && await users.GetLockoutEndDateAsync(user) is { } end)
        {
            throw LockedOut(Duration.FromTimeSpan(end - DateTimeOffset.UtcNow));
        }
    }

    /// <summary>
    /// An email without an account is refused exactly as a wrong password is: after a hash of the same cost (the decoy), and
    /// counted toward a lockout of the same length after the same number of tries. The exception to throw is returned.
    /// </summary>
    private async Task<DomainException> RefuseUnknownEmailAsync(string email, string password, ClientInfo client, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var emailHash = UnknownEmailLockout.HashOf(users.NormalizeEmail(email) ?? "");
        var lockout = await db.Set<UnknownEmailLockout>().FindAsync([emailHash], cancellationToken);
        if (lockout is not null && lockout.IsLockedOut(now))
        {
            return LockedOut(lockout.LockoutEnd!.Value - now);
        }

        using (await hashing.EnterAsync(cancellationToken))
        {
            decoy.Verify(users.PasswordHasher, password);
        }

        if (lockout is null)
        {
            // Rows of emails nobody tried for a month go when a new one comes: the table grows only with recent attempts.
            await db.Set<UnknownEmailLockout>().Where(l => l.LastFailedAt < now - UnknownEmailLockout.Retention).ExecuteDeleteAsync(cancellationToken);
            lockout = new UnknownEmailLockout { EmailHash = emailHash };
            db.Add(lockout);
        }

        var lockoutOptions = users.Options.Lockout;
        lockout.RecordFailure(now, lockoutOptions.MaxFailedAccessAttempts, Duration.FromTimeSpan(lockoutOptions.DefaultLockoutTimeSpan));
        var detail = "unknown email " + Truncate(email, 100);
        audit.Add(AuditActions.SignInFailed, client, detail: detail);
        if (lockout.IsLockedOut(now))
        {
            audit.Add(AuditActions.LockedOut, client, detail: detail);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException raced) when (DbErrors.IsUniqueViolation(raced))
        {
            // A parallel attempt with the same email created the row first and counted; keep the audit lines.
            db.Entry(lockout).State = EntityState.Detached;
            await db.SaveChangesAsync(cancellationToken);
        }

        return lockout.IsLockedOut(now) ? LockedOut(lockout.LockoutEnd!.Value - now) : WrongCredentials();
    }

    private async Task EndSessionOfRetiredTokenAsync(string tokenHash, ClientInfo client, Instant now, CancellationToken cancellationToken)
    {
        var session = await db.Set<RetiredRefreshToken>().Where(t => t.TokenHash == tokenHash)
            .Join(db.Set<Session>(), t => t.SessionId, s => s.Id, (_, s) => s)
            .SingleOrDefaultAsync(cancellationToken);
        if (session is null)
        {
            return;
        }

        session.Revoke(now);
        audit.Add(AuditActions.RefreshTokenReused, client, subjectUserId: session.UserId, detail: "session " + session.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    private TooManyRequestsException LockedOut(Duration remaining) => new(text["account.locked_out"], remaining.ToTimeSpan());

    /// <summary>Checks a password in its turn at hashing (<see cref="PasswordHashingGate"/>); no password is a wrong one.</summary>
    private async Task<bool> CheckPasswordAsync(User user, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }

        using (await hashing.EnterAsync(cancellationToken))
        {
            return await users.CheckPasswordAsync(user, password);
        }
    }

    private async Task<string> HashAsync(User user, string password, CancellationToken cancellationToken)
    {
        using (await hashing.EnterAsync(cancellationToken))
        {
            return users.PasswordHasher.HashPassword(user, password);
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

    /// <summary>Length, then <see cref="PasswordRules"/> with <paramref name="user"/>'s name and email (when known yet).</summary>
    private async Task ValidatePasswordAsync(string? password, string field, FieldErrors errors, User? user)
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
            var result = await validator.ValidateAsync(users, user!, password);
            if (!result.Succeeded)
            {
                errors.Add(field, result.Errors.First().Code switch
                {
                    PasswordRules.TooCommon => text["validation.password_common"],
                    PasswordRules.Personal => text["validation.password_personal"],
                    _ => text["validation.password_length", users.Options.Password.RequiredLength],
                });
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

        // The email is the Identity user name, which allows fewer characters than RFC 5322 (quoted local parts, IP-literal
        // domains, non-ASCII, invisible characters): refuse them here by name rather than fail inside CreateAsync.
        var allowed = users.Options.User.AllowedUserNameCharacters;
        if (email.Any(c => !allowed.Contains(c, StringComparison.Ordinal)))
        {
            errors.Add(field, text["validation.email_characters"]);
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
