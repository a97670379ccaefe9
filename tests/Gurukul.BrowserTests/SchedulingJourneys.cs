using System.Globalization;
using Microsoft.Playwright;
using NodaTime;
using NodaTime.Text;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class SchedulingJourneys(BrowserFixture browser)
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone Kolkata = DateTimeZoneProviders.Tzdb["Asia/Kolkata"];

    [ChromiumFact]
    public async Task MentorInLondon_SetsWeekdayHoursAndADayOff_AndThePreviewShowsThem()
    {
        var mentor = await MentorApplicationSetup.MentorAsync(browser, documentName: null);
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), TimezoneId = "Europe/London" });
        var page = await context.NewPageAsync();
        await MentorApplicationSetup.SignInAsync(page, mentor.Email);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(London).Date;
        // A weekday two to six days ahead is the day off; another weekday in the week keeps its hours.
        var dayOff = Enumerable.Range(2, 5).Select(d => today.PlusDays(d)).First(d => d.DayOfWeek <= IsoDayOfWeek.Friday);
        var working = Enumerable.Range(2, 5).Select(d => today.PlusDays(d)).First(d => d.DayOfWeek <= IsoDayOfWeek.Friday && d != dayOff);

        await page.GetByRole(AriaRole.Link, new() { Name = "Availability" }).ClickAsync();
        await page.ToBeAtAsync("/mentor/availability");
        await page.GetByLabel("Your time zone").SelectOptionAsync("Europe/London");
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" })
        {
            var hours = page.GetByRole(AriaRole.Group, new() { Name = $"{day}, hours 1" });
            await hours.GetByLabel("From").FillAsync("09:00");
            await hours.GetByLabel("To").FillAsync("12:00");
        }

        await page.Locator("[data-override='0']").GetByLabel("Date", new() { Exact = true }).FillAsync(LocalDatePattern.Iso.Format(dayOff));
        await page.GetByLabel("Minimum notice (minutes)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save availability" }).ClickAsync();

        await page.ToBeAtAsync("/mentor/availability?saved=1");
        await Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        var preview = page.GetByTestId("week-preview");
        await Expect(preview).ToContainTextAsync("60-minute sessions, in Europe/London");
        await Expect(preview.Locator($"[data-date='{LocalDatePattern.Iso.Format(dayOff)}']")).ToContainTextAsync("No slots");
        var starts = preview.Locator($"[data-date='{LocalDatePattern.Iso.Format(working)}'] time");
        await Expect(starts).ToHaveTextAsync(["09:00", "09:30", "10:00", "10:30", "11:00"]);
        // Each shown time is the London time of the instant it stands for.
        foreach (var time in await starts.AllAsync())
        {
            var instant = InstantPattern.ExtendedIso.Parse((await time.GetAttributeAsync("datetime"))!).Value;
            Assert.Equal(await time.TextContentAsync(), instant.InZone(London).ToString("HH:mm", CultureInfo.InvariantCulture));
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "mentor-availability.png"), FullPage = true });
        await context.CloseAsync();
    }

    [ChromiumFact]
    public async Task StudentInKolkata_OnAPhone_SeesLocalSlots_SwitchesTheZone_AndTheSameInstantsRemain()
    {
        var mentor = await SchedulingSetup.PublicMentorAsync(browser, "Harriet Clarke", SchedulingSetup.EveryDay("Europe/London", "09:00", "17:00"));
        var studentEmail = $"student.{Guid.NewGuid():N}@example.com";
        await BrowserAccounts.CreateAsync(browser, studentEmail, "Ananya Iyer", "student", MentorApplicationSetup.Password);
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseAddress.ToString(), TimezoneId = "Asia/Kolkata", ViewportSize = new() { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await BrowserAccounts.SignInAsync(page, studentEmail, MentorApplicationSetup.Password);

        await page.GotoAsync($"/mentors/{mentor.Slug}");

        // The browser's zone is detected and the calendar fetched again in it.
        var calendar = page.Locator("#calendar");
        await Expect(calendar).ToHaveAttributeAsync("data-zone", "Asia/Kolkata");
        await Expect(page.GetByLabel("Show times in")).ToHaveValueAsync("Asia/Kolkata");
        var inKolkata = await ShownSlotsAsync(page, Kolkata);
        Assert.NotEmpty(inKolkata);
        // 09:00–17:00 in London: every start is a London time from 09:00 to 16:00, shown beside the Kolkata time.
        Assert.All(inKolkata, s => Assert.InRange(s.InZone(London).TimeOfDay, new LocalTime(9, 0), new LocalTime(16, 0)));
        await Expect(page.GetByTestId("mentor-time").First).ToContainTextAsync("for the mentor");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "profile-calendar-kolkata-phone.png"), FullPage = true });

        await page.GetByLabel("Show times in").SelectOptionAsync("Europe/London");

        await Expect(calendar).ToHaveAttributeAsync("data-zone", "Europe/London");
        await page.ToBeAtAsync($"/mentors/{mentor.Slug}", anyQuery: true);
        Assert.Contains("tz=Europe%2FLondon", page.Url, StringComparison.Ordinal);
        // The same instants are offered, now under their London dates and times.
        var inLondon = new HashSet<Instant>();
        foreach (var date in inKolkata.Select(s => s.InZone(London).Date).Distinct())
        {
            await page.Locator($"#calendar-grid a[data-date='{LocalDatePattern.Iso.Format(date)}']").ClickAsync();
            await Expect(page.Locator("#calendar-grid a[aria-current='date']")).ToHaveAttributeAsync("data-date", LocalDatePattern.Iso.Format(date));
            inLondon.UnionWith(await ShownSlotsAsync(page, London));
        }

        Assert.Subset(inLondon, inKolkata.ToHashSet());
        // Remembered: the next visit opens in the zone chosen last.
        await page.GotoAsync($"/mentors/{mentor.Slug}");
        await Expect(calendar).ToHaveAttributeAsync("data-zone", "Europe/London");
        await context.CloseAsync();
    }

    /// <summary>The chosen day's slots as instants, after checking each shows its own local time in <paramref name="zone"/>.</summary>
    private static async Task<List<Instant>> ShownSlotsAsync(IPage page, DateTimeZone zone)
    {
        var instants = new List<Instant>();
        foreach (var slot in await page.Locator("#calendar-day li[data-slot-start] time").AllAsync())
        {
            var instant = InstantPattern.ExtendedIso.Parse((await slot.GetAttributeAsync("datetime"))!).Value;
            Assert.Equal(instant.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture), await slot.TextContentAsync());
            instants.Add(instant);
        }

        return instants;
    }
}
