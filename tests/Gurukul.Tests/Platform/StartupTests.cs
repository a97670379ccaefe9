using Gurukul.Features.Accounts;
using Gurukul.Features.Mentors;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class StartupTests
{
    [Theory, AllProviders]
    public async Task FirstStart_OnEmptyDatabase_SeedsDemoMarketplace(DatabaseProvider provider)
    {
        await using var app = await GurukulApp.StartAsync(provider);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<GurukulDbContext>();

        var visible = await db.MentorProfiles.Where(m => m.VerificationStatus == VerificationStatus.Approved && m.IsActive).ToListAsync();
        Assert.True(visible.Count >= 30, $"expected at least 30 verified mentors, found {visible.Count}");
        Assert.True(await db.MentorProfiles.SelectMany(m => m.Subjects).Select(s => s.Subject!.CategorySlug).Distinct().CountAsync() >= 5);
        Assert.True(await db.MentorProfiles.Select(m => m.PrimaryLanguage).Distinct().CountAsync() >= 5);
        Assert.True(visible.Select(m => m.HourlyRate.AmountMinor).Distinct().Count() >= 10, "several price points");
        Assert.Equal(visible.Count, visible.Select(m => m.Slug).Distinct().Count());
        Assert.True(await db.Languages.CountAsync(l => l.Scheduled) == 22, "all 22 scheduled languages of India");
    }

    [Theory, AllProviders]
    public async Task SecondStart_OnSameDatabase_ReusesDataAndCreatesNoSecondAdmin(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            int mentorsAfterFirst;
            await using (var first = new GurukulApp(database, ownsDatabase: false))
            {
                mentorsAfterFirst = await CountAsync(first, db => db.MentorProfiles);
            }

            await using var second = new GurukulApp(database, ownsDatabase: false);
            Assert.Equal(mentorsAfterFirst, await CountAsync(second, db => db.MentorProfiles));
            await using var scope = second.Scope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            Assert.Single(await users.GetUsersInRoleAsync(Roles.Admin));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Theory, AllProviders]
    public async Task AdminFromEnvironment_IsCreatedIfAbsent_AndNeverOverwritten(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            const string email = "root@school.example";
            await using (var first = new GurukulApp(database, Admin(email, "first-password-123"), ownsDatabase: false))
            {
                await AssertAdminPasswordAsync(first, email, "first-password-123");
            }

            await using var second = new GurukulApp(database, Admin(email, "another-password-456"), ownsDatabase: false);
            await AssertAdminPasswordAsync(second, email, "first-password-123");
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> Admin(string email, string password) =>
        new() { ["GURUKUL_ADMIN_EMAIL"] = email, ["GURUKUL_ADMIN_PASSWORD"] = password };

    private static async Task AssertAdminPasswordAsync(GurukulApp app, string email, string password)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var admin = await users.FindByEmailAsync(email);
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, password));
    }

    private static async Task<int> CountAsync<T>(GurukulApp app, Func<GurukulDbContext, IQueryable<T>> set)
    {
        await using var scope = app.Scope();
        return await set(scope.ServiceProvider.GetRequiredService<GurukulDbContext>()).CountAsync();
    }
}
