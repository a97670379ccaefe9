namespace Gurukul.Bench.Generate;

/// <summary>Writes generated rows into one database as fast as it allows; <see cref="FinishAsync"/> makes them durable and planned-for.</summary>
public interface IBulkLoader : IAsyncDisposable
{
    /// <summary>Loads every row of the table and returns how many were written.</summary>
    Task<long> LoadAsync<T>(Table<T> table, IEnumerable<T> items, CancellationToken cancellationToken);

    /// <summary>Commits, checks integrity, and refreshes planner statistics.</summary>
    Task FinishAsync(CancellationToken cancellationToken);
}
