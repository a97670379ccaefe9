using Gurukul.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Xunit;

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
}
