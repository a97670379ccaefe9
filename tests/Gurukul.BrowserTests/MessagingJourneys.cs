using Gurukul.Features.Notifications.Reminders;
using Gurukul.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class MessagingJourneys(BrowserFixture browser, ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task AStudentOnAPhone_MessagesAMentorReadingInTelugu_WhoSeesItLive_AndBadgeTypingTicksAndTheBellFollow()
    {
        var mentor = await SchedulingSetup.PublicMentorAsync(browser, "Venkata Ramana Murthy", availability: null);
        var studentEmail = $"student.{Guid.NewGuid():N}@example.com";
        await BrowserAccounts.CreateAsync(browser, studentEmail, "Ananya Iyer", "student", MentorApplicationSetup.Password);
        // axe's script is injected into these pages, so they bypass the content security policy; nothing else differs.
        var studentContext = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, BypassCSP = true,
        });
        var mentorContext = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseAddress.ToString(), BypassCSP = true });
        var student = await studentContext.NewPageAsync();
        var mentorPage = await mentorContext.NewPageAsync();
        await BrowserAccounts.SignInAsync(student, studentEmail, MentorApplicationSetup.Password);
        await BrowserAccounts.SignInAsync(mentorPage, mentor.Email, MentorApplicationSetup.Password);
        // The mentor reads in Telugu.
        await mentorPage.GotoAsync("/account?culture=te");
        await Expect(mentorPage.GetByTestId("messages-count")).ToHaveAttributeAsync("data-count", "0");

        await student.GotoAsync($"/mentors/{mentor.Slug}");
        await student.GetByTestId("message-mentor").ClickAsync();
        await Expect(student).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/messages/[0-9a-f-]{36}$"));
        var conversationPath = new Uri(student.Url).AbsolutePath;
        await student.GetByLabel("Your message").FillAsync("Namaste! Could we talk about system design interviews?");
        await student.GetByTestId("send").ClickAsync();

        // Live, without a reload: the mentor's Messages badge counts the new message, and its reaching their stream shows as delivered.
        await Expect(mentorPage.GetByTestId("messages-count")).ToHaveAttributeAsync("data-count", "1");
        var sent = student.GetByTestId("message").Last;
        await Expect(sent.GetByTestId("ticks")).ToHaveAttributeAsync("data-status", "delivered");

        await mentorPage.GotoAsync(conversationPath + "?culture=te");
        await Expect(mentorPage.GetByTestId("message-body").Last).ToHaveTextAsync("Namaste! Could we talk about system design interviews?");
        // The mentor has seen it: the student's ticks turn to read, and the mentor's badge empties.
        await Expect(sent.GetByTestId("ticks")).ToHaveAttributeAsync("data-status", "read");
        await Expect(mentorPage.GetByTestId("messages-count")).ToHaveAttributeAsync("data-count", "0");
        await Expect(student.GetByTestId("presence")).ToContainTextAsync("Online");

        await mentorPage.Locator("#body").PressSequentiallyAsync("అవును, తప్పకుండా", new() { Delay = 20 });
        await Expect(student.GetByTestId("typing")).ToHaveTextAsync("Venkata Ramana Murthy is typing…");
        await mentorPage.GetByTestId("send").ClickAsync();
        await Expect(student.GetByTestId("message-body").Last).ToHaveTextAsync("అవును, తప్పకుండా");
        await Expect(student.GetByTestId("typing")).ToHaveTextAsync("");
        await Expect(mentorPage.GetByTestId("typing")).ToHaveTextAsync("");

        var overflow = await student.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the chat is {overflow}px wider than the phone");
        await student.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "chat-student-phone.png"), FullPage = true });
        await mentorPage.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "chat-mentor-te.png"), FullPage = true });
        var failures = await AxeScan.RunAsync(student, conversationPath + " (student, 390 px)", output);
        failures.AddRange(await AxeScan.RunAsync(mentorPage, conversationPath + " (mentor, te)", output));
        await mentorPage.GotoAsync("/messages?culture=te");
        failures.AddRange(await AxeScan.RunAsync(mentorPage, "/messages (te)", output));
        await Expect(mentorPage.GetByTestId("bell-count")).ToHaveAttributeAsync("data-count", "0");

        // A session the bookings feature confirms, 15 minutes and 2 seconds ahead: its 15-minute reminder falls due while the
        // mentor reads their inbox, and the bell rises without a reload.
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var mentorId = await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Users.Where(u => u.Email == mentor.Email).Select(u => u.Id).SingleAsync();
            var start = SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(15) + Duration.FromSeconds(2);
            await scope.ServiceProvider.GetRequiredService<SessionReminders>().ScheduleAsync(
                new SessionRef("journey", Guid.NewGuid().ToString()), start, [new ReminderRecipient(mentorId, "Ananya Iyer")], "/messages", CancellationToken.None);
        }

        await Expect(mentorPage.GetByTestId("bell-count")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 30_000 });
        await mentorPage.GetByTestId("nav-bell").ClickAsync();
        await Expect(mentorPage.GetByTestId("notification")).ToContainTextAsync("Ananya Iyer");
        failures.AddRange(await AxeScan.RunAsync(mentorPage, "/notifications (te)", output));
        await mentorPage.GetByTestId("mark-all-read").ClickAsync();
        await Expect(mentorPage.GetByTestId("bell-count")).ToHaveAttributeAsync("data-count", "0");
        Assert.Empty(failures);
        await studentContext.CloseAsync();
        await mentorContext.CloseAsync();
    }
}
