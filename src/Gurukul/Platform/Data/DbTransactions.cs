namespace Gurukul.Platform.Data;

/// <summary>Units of work that another use case may already have started on the same scoped context.</summary>
public static class DbTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in the context's current transaction if the caller opened one (its changes then commit or roll
    /// back with the caller's), else in a new one committed at the end. On SQLite the new transaction takes the write lock at once
    /// (<c>BEGIN IMMEDIATE</c>), so reads inside it see what the writes will be checked against.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this GurukulDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
