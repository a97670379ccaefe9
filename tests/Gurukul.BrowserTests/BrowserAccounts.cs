using Gurukul.Features.Accounts;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

/// <summary>People the journeys start from: accounts made through the app's own services, signed in through the page.</summary>
internal static class BrowserAccounts
{
    /// <summary>A confirmed account with this role; returns its id.</summary>
    public static async Task<string> CreateAsync(BrowserFixture browser, string email, string name, string role, string password, LocalDate? dateOfBirth = null)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = email, Email = email, Name = name, EmailConfirmed = true, DateOfBirth = dateOfBirth };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>Fills in the sign-in form and sends it, without waiting for where it leads (a second factor may be asked).</summary>
    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await SubmitSignInAsync(page, email, password);
        await page.ToBeAtAsync("/account");
    }

    /// <summary>An admin as admins really are: two-factor sign-in on, so the sign-in asks for the authenticator code.</summary>
    public static async Task SignInAsAdminAsync(BrowserFixture browser, IPage page, string password)
    {
        var email = $"reference.admin.{Guid.NewGuid():N}@example.com";
        string key;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var admin = new User { UserName = email, Email = email, Name = "Meera Admin", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(admin, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
            Assert.True((await users.ResetAuthenticatorKeyAsync(admin)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(admin, true)).Succeeded);
            key = (await users.GetAuthenticatorKeyAsync(admin))!;
        }

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByLabel("Authentication code")).ToBeVisibleAsync();
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ToBeAtAsync("/account");
    }
}
