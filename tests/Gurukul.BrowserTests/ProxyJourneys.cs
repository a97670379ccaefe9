using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>
/// Gurukul as deployed (issue 16): Production mode, plain HTTP behind a reverse proxy that terminates TLS. Sign-up, the
/// password rules with their live hint, sign-out and sign-in all work through it, with Secure cookies.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ProxyJourneys(BrowserFixture browser)
{
    private const string Password = "monsoon kites over the ghat";

    [ChromiumFact]
    public async Task SignUp_SignOut_SignIn_InProduction_ThroughATlsTerminatingProxy()
    {
        var proxyPort = FreePort();
        var publicAddress = new Uri($"https://127.0.0.1:{proxyPort}");
        await using var app = new GurukulApp(await TestDatabase.CreateAsync(DatabaseProvider.Sqlite),
            new Dictionary<string, string?> { ["Gurukul:PublicBaseUrl"] = publicAddress.ToString() }, environment: "Production");
        app.UseKestrel(0);
        app.StartServer();
        var upstream = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        await using var proxy = await TlsProxy.StartAsync(proxyPort, upstream);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = proxy.Address.ToString(), IgnoreHTTPSErrors = true, ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        var email = $"lakshmi.{Guid.NewGuid():N}@example.com";

        await page.GotoAsync("/account/sign-up");
        await page.GetByLabel("Full name").FillAsync("Lakshmi Narayan");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Date of birth").FillAsync("1999-08-15");
        // The live hint judges as the person types; the server has the last word on common passwords.
        var password = page.GetByLabel("Password");
        await password.FillAsync("lakshmi");
        await Expect(page.Locator("#password-strength")).ToHaveTextAsync("Too short: use at least 10 characters.");
        await password.FillAsync("lakshmi-2024!");
        await Expect(page.Locator("#password-strength")).ToHaveTextAsync("Weak: it contains your name or email.");
        await password.FillAsync(Password);
        await Expect(page.Locator("#password-strength")).ToHaveTextAsync("Strong.");
        await password.FillAsync("password12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("#password-error")).ToContainTextAsync("one of the most common");

        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.ToBeAtAsync("/onboarding?welcome=1");
        Assert.StartsWith(proxy.Address.ToString(), page.Url, StringComparison.Ordinal);
        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "gurukul.session");
        Assert.True(session.Secure);
        Assert.True(session.HttpOnly);

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.ToBeAtAsync("/");
        await page.GotoAsync("/account");
        await page.ToBeAtAsync("/account/sign-in", anyQuery: true);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ToBeAtAsync("/account");
        await Expect(page.GetByTestId("account-summary")).ToContainTextAsync(email);
        await context.CloseAsync();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
