using System.Collections.Concurrent;
using Gurukul.Platform.Data;
using Xunit;

namespace Gurukul.Tests.Infrastructure;

/// <summary>One running app per database provider, shared by the tests of a class that only read or add their own data.</summary>
public class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<GurukulApp>>> _apps = new();

    /// <summary>Settings every app of this fixture starts with (none: the defaults).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public Task<GurukulApp> For(DatabaseProvider provider) =>
        _apps.GetOrAdd(provider, p => new Lazy<Task<GurukulApp>>(() => GurukulApp.StartAsync(p, Settings))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }
    }
}
