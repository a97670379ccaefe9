using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Bookings;

/// <summary>
/// Runs a booking change in one transaction. The database's no-overlap rule refusing it is a 409 ("this time was just taken");
/// losing a race with another change of the same rows (a concurrency token, a deadlock the database broke) runs it again from
/// the start, where it reads the new state and answers accordingly.
/// </summary>
public sealed class BookingWrites(GurukulDbContext db, IStringLocalizer<Strings> text)
{
    /// <summary>The name of the no-overlap rule in both databases (migration 0015).</summary>
    public const string NoOverlapRule = "bookings_no_overlap";

    private const int Attempts = 3;

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(work, cancellationToken);
            }
            catch (DbUpdateException exception) when (DbErrors.IsRefusedBy(exception, NoOverlapRule))
            {
                db.ChangeTracker.Clear();
                throw new ConflictException(text["bookings.refused.slot_taken"]);
            }
            catch (Exception exception) when (attempt < Attempts && DbErrors.IsLostRace(exception))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
