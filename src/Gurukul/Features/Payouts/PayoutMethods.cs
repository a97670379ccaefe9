using System.Text.Json;
using System.Text.RegularExpressions;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Payouts;

/// <summary>
/// A mentor's payout method (API.md <c>PUT /api/v1/me/payout-method</c>; docs/adr/0030): validated by format, kept encrypted with
/// ASP.NET Core Data Protection, shown masked, changed only after the mentor proves again who they are, and announced by mail.
/// </summary>
public sealed partial class PayoutMethods(
    GurukulDbContext db, AccountsService accounts, IDataProtectionProvider protection, PayoutMails mails, AuditLog audit, IClock clock, IStringLocalizer<Strings> text)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Gurukul.Payouts.Method.v1");

    /// <summary>The mentor's method as shown; null before the first one.</summary>
    public async Task<PayoutMethodDto?> FindAsync(string mentorId, CancellationToken cancellationToken) =>
        await db.Set<PayoutMethod>().AsNoTracking().SingleOrDefaultAsync(m => m.MentorId == mentorId, cancellationToken) is { } method ? View(method) : null;

    /// <summary>
    /// Sets or replaces the method. 400 naming each bad field; then the password or (with two-factor on) a code: 403 without one
    /// or with a wrong one (counted toward the lockout, 429 once locked).
    /// </summary>
    public async Task<PayoutMethodDto> ChangeAsync(string mentorId, PayoutMethodRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var destination = Validate(request);
        await accounts.ReauthenticateAsync(mentorId, request.Password, request.TotpCode, "payout method change", client, cancellationToken);

        var now = clock.GetCurrentInstant();
        var method = await db.Set<PayoutMethod>().SingleOrDefaultAsync(m => m.MentorId == mentorId, cancellationToken);
        if (method is null)
        {
            method = new PayoutMethod { MentorId = mentorId, CreatedAt = now };
            db.Add(method);
        }

        method.Change(destination.Kind, _protector.Protect(JsonSerializer.Serialize(destination)), Mask(destination), now);
        var mentor = await db.Users.SingleAsync(u => u.Id == mentorId, cancellationToken);
        mails.MethodChanged(mentor, method.Masked, now);
        audit.Add(AuditActions.PayoutMethodChanged, client, mentorId, mentorId, $"{SnakeCaseNames.ToSnakeCase(destination.Kind.ToString())} {method.Masked}");
        await db.SaveChangesAsync(cancellationToken);
        return View(method);
    }

    /// <summary>The destination in clear, for sending a payout.</summary>
    public PayoutDestination Reveal(PayoutMethod method) => JsonSerializer.Deserialize<PayoutDestination>(_protector.Unprotect(method.ProtectedDetails))!;

    private PayoutDestination Validate(PayoutMethodRequest request)
    {
        var errors = new FieldErrors();
        var kind = request.Method?.Trim().ToLowerInvariant() switch
        {
            "upi" => PayoutMethodKind.Upi,
            "bank" => PayoutMethodKind.Bank,
            _ => (PayoutMethodKind?)null,
        };
        if (kind is null)
        {
            errors.Add("method", text["payouts.method_kind"]);
            errors.ThrowIfAny();
        }

        if (kind == PayoutMethodKind.Upi)
        {
            var upi = request.UpiId?.Trim().ToLowerInvariant() ?? "";
            if (!UpiId().IsMatch(upi))
            {
                errors.Add("upiId", text["payouts.upi_invalid"]);
            }

            errors.ThrowIfAny();
            return new PayoutDestination(PayoutMethodKind.Upi, upi, null, null, null);
        }

        var name = request.AccountName?.Trim() ?? "";
        if (!AccountName().IsMatch(name))
        {
            errors.Add("accountName", text["payouts.account_name_invalid"]);
        }

        var number = (request.AccountNumber ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (!AccountNumber().IsMatch(number))
        {
            errors.Add("accountNumber", text["payouts.account_number_invalid"]);
        }

        var ifsc = request.Ifsc?.Trim().ToUpperInvariant() ?? "";
        if (!Ifsc().IsMatch(ifsc))
        {
            errors.Add("ifsc", text["payouts.ifsc_invalid"]);
        }

        errors.ThrowIfAny();
        return new PayoutDestination(PayoutMethodKind.Bank, null, name, number, ifsc);
    }

    /// <summary><c>ra****@okaxis</c> for a UPI id, <c>XXXX6789</c> for an account number.</summary>
    public static string Mask(PayoutDestination destination)
    {
        if (destination.Kind == PayoutMethodKind.Upi)
        {
            var at = destination.UpiId!.LastIndexOf('@');
            return destination.UpiId[..Math.Min(2, at)] + "****" + destination.UpiId[at..];
        }

        return "XXXX" + destination.AccountNumber![^4..];
    }

    private PayoutMethodDto View(PayoutMethod method)
    {
        var shown = Reveal(method);
        return new PayoutMethodDto(SnakeCaseNames.ToSnakeCase(method.Kind.ToString()), method.Kind == PayoutMethodKind.Upi ? method.Masked : null,
            shown.AccountName, method.Kind == PayoutMethodKind.Bank ? method.Masked : null, shown.Ifsc, method.UpdatedAt.ToDateTimeUtc());
    }

    // NPCI's virtual payment address: a handle of 2–256 letters, digits, dots, hyphens or underscores, "@", and the bank's handle.
    [GeneratedRegex("^[a-z0-9._-]{2,256}@[a-z][a-z0-9]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex UpiId();

    // RBI's IFSC: four letters of the bank, a zero, six letters or digits of the branch.
    [GeneratedRegex("^[A-Z]{4}0[A-Z0-9]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ifsc();

    // Indian bank account numbers have 9 to 18 digits.
    [GeneratedRegex("^[0-9]{9,18}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M} .'-]{1,119}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountName();
}
