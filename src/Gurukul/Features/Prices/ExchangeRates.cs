using Gurukul.Features.Audit;
using Gurukul.Features.Reference;
using Gurukul.Platform;
using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;

namespace Gurukul.Features.Prices;

/// <summary>
/// The reference exchange rates admins maintain (ADR 0023): listed publicly with their dates, changed by admins (each
/// change audited, and moving the search clock so price orders and bands follow at once), seeded once with dated values.
/// </summary>
public sealed class ExchangeRates(GurukulDbContext db, AuditLog audit, IClock clock, IStringLocalizer<Strings> text)
{
    /// <summary>The rates a new database starts with: clearly dated, to be replaced by the admin with current ones.</summary>
    private static readonly (string Currency, decimal RupeesPerUnit)[] Seed =
        [("USD", 85.65m), ("EUR", 88.76m), ("GBP", 107.23m), ("SGD", 62.74m), ("AED", 23.32m)];

    private static readonly LocalDate SeedDate = new(2025, 1, 1);

    public async Task<IReadOnlyList<ExchangeRateDto>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await db.Set<ExchangeRate>().AsNoTracking().ToListAsync(cancellationToken)).OrderBy(r => r.Currency, StringComparer.Ordinal).Select(ToDto)];

    public async Task<ExchangeRateDto> SetAsync(ReferenceEditor editor, string currency, ExchangeRateRequest request, CancellationToken cancellationToken)
    {
        var code = currency.Trim().ToUpperInvariant();
        if (code == ReferenceRates.Rupees || !Money.Currencies.Contains(code))
        {
            throw new NotFoundException(text["prices.currency_unknown"]);
        }

        var errors = new FieldErrors();
        if (request.RupeesPerUnit is not (> 0 and < 100_000))
        {
            errors.Add("rupeesPerUnit", text["prices.validation.rate"]);
        }

        var asOf = request.AsOf is null ? null : LocalDatePattern.Iso.Parse(request.AsOf.Trim()) is { Success: true } date ? date.Value : (LocalDate?)null;
        var today = clock.GetCurrentInstant().InUtc().Date;
        if (asOf is null || asOf > today.PlusDays(1))
        {
            errors.Add("asOf", text["prices.validation.as_of"]);
        }

        var source = request.Source?.Trim();
        if (string.IsNullOrEmpty(source) || source.Length > ExchangeRate.SourceMaxLength)
        {
            errors.Add("source", text["prices.validation.source", ExchangeRate.SourceMaxLength]);
        }

        errors.ThrowIfAny();
        var rate = await db.Set<ExchangeRate>().SingleOrDefaultAsync(r => r.Currency == code, cancellationToken);
        var changes = new ChangeLog();
        if (rate is null)
        {
            rate = new ExchangeRate { Currency = code, Source = source! };
            db.Set<ExchangeRate>().Add(rate);
        }

        rate.RupeesPerUnit = changes.Set("rupeesPerUnit", rate.RupeesPerUnit, Math.Round(request.RupeesPerUnit!.Value, 6));
        rate.AsOf = changes.Set("asOf", rate.AsOf, asOf!.Value);
        rate.Source = changes.Set("source", rate.Source, source!);
        if (changes.Any)
        {
            rate.UpdatedAt = clock.GetCurrentInstant();
            audit.Add(AuditActions.ReferenceUpdated, editor.Client, editor.UserId, detail: $"exchange rate {code}: {changes}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return ToDto(rate);
    }

    /// <summary>The seeded rates into an empty table (a new database, or one from before rates existed).</summary>
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<ExchangeRate>().AnyAsync(cancellationToken))
        {
            return;
        }

        db.Set<ExchangeRate>().AddRange(Seed.Select(r => new ExchangeRate
        {
            Currency = r.Currency, RupeesPerUnit = r.RupeesPerUnit, AsOf = SeedDate, UpdatedAt = clock.GetCurrentInstant(),
            Source = "Seed: approximate market rate of 1 January 2025; replace with a current reference rate",
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ExchangeRateDto ToDto(ExchangeRate r) =>
        new(r.Currency, r.RupeesPerUnit, LocalDatePattern.Iso.Format(r.AsOf), r.Source);
}

/// <summary>One unit of <c>currency</c> is worth <c>rupeesPerUnit</c> rupees, as of <c>asOf</c> (YYYY-MM-DD), per <c>source</c>.</summary>
public sealed record ExchangeRateDto(string Currency, decimal RupeesPerUnit, string AsOf, string Source);

public sealed record ExchangeRateRequest(decimal? RupeesPerUnit, string? AsOf, string? Source);
