using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Gurukul.BrowserTests;

/// <summary>Gurukul on real Kestrel (fresh SQLite database, demo data) and one headless Debian Chromium for all browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public GurukulApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public static string ArtifactsDirectory { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "browser");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            // The tests are skipped (or, under CI, fail on their own with this fixture's message).
            if (TestEnvironment.IsCi)
            {
                throw new InvalidOperationException($"CI=true but Chromium is missing at {ChromiumFactAttribute.ChromiumPath}.");
            }

            return;
        }

        // Development, as a newcomer runs it: the dev mailbox is open to read the emails the journeys need.
        App = new GurukulApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite), environment: "Development", services: BrowserPurchases.AddSeller);
        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            // The flags this machine's closed network needs: no sandbox as root, no GPU, no calls home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ArtifactsDirectory);
    }

    // bypassContentSecurityPolicy: only for injecting test tools (axe); pages run under their real policy otherwise.
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool bypassContentSecurityPolicy = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassContentSecurityPolicy,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
