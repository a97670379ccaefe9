using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Mail;
using Gurukul.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class MailTests
{
    private const string ConfirmLink = "https://gurukul.example/account/confirm-email?token=abc123";

    [Theory, AllProviders]
    public async Task Send_WithSmtp_DeliversTeluguSubjectAndBodyIntact(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var app = await GurukulApp.StartAsync(provider, Settings(smtp.Port));
        var draft = TeluguDraft();

        await SendAsync(app, draft);
        var received = await smtp.WaitForMailAsync();
        var mail = await WaitForAsync(app, draft.To, m => m.Status == OutboxMailStatus.Sent);

        Assert.Equal(draft.Subject, received.Subject);
        Assert.Equal(draft.TextBody, received.Text?.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal(draft.HtmlBody, received.Html?.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Contains(draft.To, received.To, StringComparison.Ordinal);
        Assert.Contains("no-reply@gurukul.local", received.From, StringComparison.Ordinal);
        Assert.Equal(OutboxMail.SmtpTransport, mail.Transport);
        Assert.Equal(1, mail.Attempts);
        Assert.NotNull(mail.SentAt);
    }

    [Theory, AllProviders]
    public async Task Send_AMailOneMayOptOutOf_CarriesTheOneClickUnsubscribeHeaders_OfRfc8058(DatabaseProvider provider)
    {
        await using var smtp = await SmtpServer.StartAsync();
        await using var app = await GurukulApp.StartAsync(provider, Settings(smtp.Port));
        var draft = TeluguDraft() with { UnsubscribeUrl = "https://gurukul.example/unsubscribe/one-click?token=abc%2B123" };

        await SendAsync(app, draft);
        var received = await smtp.WaitForMailAsync();

        Assert.Equal("<https://gurukul.example/unsubscribe/one-click?token=abc%2B123>", received.ListUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", received.ListUnsubscribePost);
        Assert.Equal(draft.Subject, received.Subject);
    }

    [Fact]
    public void AnEssentialMail_HasNoUnsubscribeHeaders()
    {
        var draft = TeluguDraft();
        var mail = new OutboxMail { To = draft.To, Subject = draft.Subject, TextBody = draft.TextBody, Kind = draft.Kind };

        var message = MailDeliveryJob.Compose(mail, "Gurukul <no-reply@gurukul.local>");

        Assert.False(message.Headers.Contains("List-Unsubscribe"));
        Assert.False(message.Headers.Contains("List-Unsubscribe-Post"));
        Assert.Equal(draft.Subject, message.Subject);
    }

    [Theory, AllProviders]
    public async Task Send_WithoutSmtp_LandsInTheDevMailbox_WhichOnlyAdminsMayRead(DatabaseProvider provider)
    {
        await using var app = await GurukulApp.StartAsync(provider, Settings());
        var draft = TeluguDraft();

        await SendAsync(app, draft);
        var mail = await WaitForAsync(app, draft.To, m => m.Status == OutboxMailStatus.Sent);
        var anonymous = await (await ClientAsync(app, role: null)).GetAsync(new Uri("/dev/mailbox", UriKind.Relative));
        var student = await (await ClientAsync(app, Roles.Student)).GetAsync(new Uri("/dev/mailbox", UriKind.Relative));
        var admin = await ClientAsync(app, Roles.Admin);
        var list = await admin.GetStringAsync(new Uri("/dev/mailbox", UriKind.Relative));
        var message = await admin.GetStringAsync(new Uri($"/dev/mailbox/{mail.Id}", UriKind.Relative));

        Assert.Equal(OutboxMail.MailboxTransport, mail.Transport);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, student.StatusCode);
        Assert.Contains($"href=\"/dev/mailbox/{mail.Id}\">{draft.Subject}</a>", list, StringComparison.Ordinal);
        Assert.Contains("<caption", list, StringComparison.Ordinal);
        Assert.Contains(draft.Subject, message, StringComparison.Ordinal);
        Assert.Contains("నమస్తే ఆశా", message, StringComparison.Ordinal);
        // The link is clickable; the sentence's full stop is not part of it.
        Assert.Contains($"<a href=\"{ConfirmLink.Replace("&", "&amp;", StringComparison.Ordinal)}\" rel=\"noreferrer\">", message, StringComparison.Ordinal);
        // The HTML version is shown as text, never rendered.
        Assert.Contains("&lt;p&gt;", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK)]
    [InlineData(true, HttpStatusCode.NotFound)]
    public async Task DevMailbox_InDevelopment_OpensWithoutSignIn_UnlessMailLeavesBySmtp(bool smtpConfigured, HttpStatusCode expected)
    {
        var settings = Settings(smtpConfigured ? ServerProcess.FreePort() : null);
        settings["environment"] = "Development";
        await using var app = await GurukulApp.StartAsync(DatabaseProvider.Sqlite, settings);

        var response = await (await ClientAsync(app, role: null)).GetAsync(new Uri("/dev/mailbox", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory, AllProviders]
    public async Task Send_WhileSmtpIsDown_IsRetried_AndDeliveredOnceTheServerIsBack(DatabaseProvider provider)
    {
        var port = ServerProcess.FreePort();
        await using var app = await GurukulApp.StartAsync(provider, Settings(port, retryBaseDelay: "00:00:00.200"));
        var draft = TeluguDraft();

        await SendAsync(app, draft);
        var failing = await WaitForAsync(app, draft.To, m => m.Attempts >= 2);
        var job = await JobForAsync(app, failing.Id);

        Assert.Equal(OutboxMailStatus.Pending, failing.Status);
        Assert.NotNull(failing.LastError);
        Assert.True(job.Attempts >= 2, $"job attempts {job.Attempts}");
        Assert.NotEqual(JobStatus.Dead, job.Status);

        await using var smtp = await SmtpServer.StartAsync(port);
        var received = await smtp.WaitForMailAsync();
        var sent = await WaitForAsync(app, draft.To, m => m.Status == OutboxMailStatus.Sent);

        Assert.Equal(draft.Subject, received.Subject);
        Assert.Equal(OutboxMail.SmtpTransport, sent.Transport);
        Assert.True(sent.Attempts > failing.Attempts);
    }

    [Theory, AllProviders]
    public async Task Send_WhenSmtpStaysDown_MarksTheMailFailed_OnceItsJobIsDead(DatabaseProvider provider)
    {
        await using var app = await GurukulApp.StartAsync(provider, Settings(ServerProcess.FreePort(), retryBaseDelay: "00:00:00.005"));
        var draft = TeluguDraft();

        await SendAsync(app, draft);
        var mail = await WaitForAsync(app, draft.To, m => m.Status == OutboxMailStatus.Failed);
        var job = await JobForAsync(app, mail.Id);

        Assert.Equal(JobStatus.Dead, job.Status);
        Assert.Equal(Job.DefaultMaxAttempts, mail.Attempts);
        Assert.False(string.IsNullOrEmpty(mail.LastError));
        Assert.Null(mail.SentAt);
    }

    [Theory, AllProviders]
    public async Task Add_IsCommittedOnlyByTheCallersSave(DatabaseProvider provider)
    {
        await using var app = await GurukulApp.StartAsync(provider, Settings());
        var unsaved = TeluguDraft();
        var saved = TeluguDraft();

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<MailOutbox>().Add(unsaved);
        }

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<MailOutbox>().Add(saved);
            await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().SaveChangesAsync();
        }

        Assert.Null(await FindAsync(app, unsaved.To));
        var mail = await FindAsync(app, saved.To);
        Assert.NotNull(mail);
        var job = await JobForAsync(app, mail.Id);
        Assert.Equal("mail.deliver", job.Kind);
        Assert.Equal($$"""{"mailId":"{{mail.Id}}"}""", job.Payload);
        await using (var scope = app.Scope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<Job>().CountAsync(j => j.Kind == "mail.deliver"));
        }
    }

    private static MailDraft TeluguDraft() => new(
        To: $"asha.{Guid.NewGuid():N}@example.com",
        Subject: "మీ ఈమెయిల్‌ను నిర్ధారించండి — Gurukul",
        TextBody: $"నమస్తే ఆశా,\nమీ ఖాతాను ప్రారంభించడానికి ఈ లింక్ తెరవండి: {ConfirmLink}.\nधन्यवाद!",
        HtmlBody: $"<p>నమస్తే ఆశా, <a href=\"{ConfirmLink}\">నిర్ధారించండి</a></p>",
        Kind: "account.confirm_email");

    private static Dictionary<string, string?> Settings(int? smtpPort = null, string retryBaseDelay = "00:00:00.010") => new()
    {
        ["Jobs:PollInterval"] = "00:00:00.020",
        ["Jobs:RetryBaseDelay"] = retryBaseDelay,
        ["Mail:Smtp:Host"] = smtpPort is null ? "" : "127.0.0.1",
        ["Mail:Smtp:Port"] = (smtpPort ?? 25).ToString(CultureInfo.InvariantCulture),
    };

    private static async Task SendAsync(GurukulApp app, MailDraft draft)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendAsync(draft, CancellationToken.None);
    }

    private static async Task<OutboxMail> WaitForAsync(GurukulApp app, string to, Func<OutboxMail, bool> done)
    {
        OutboxMail? mail = null;
        await Poll.UntilAsync(async () => (mail = await FindAsync(app, to)) is { } found && done(found), $"the mail to {to} is done");
        return mail!;
    }

    private static async Task<OutboxMail?> FindAsync(GurukulApp app, string to)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<OutboxMail>().AsNoTracking().SingleOrDefaultAsync(m => m.To == to);
    }

    private static async Task<Job> JobForAsync(GurukulApp app, Guid mailId)
    {
        await using var scope = app.Scope();
        var payload = mailId.ToString();
        return await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<Job>().AsNoTracking().SingleAsync(j => j.Payload.Contains(payload));
    }

    /// <summary>An HTTP client that does not follow redirects: anonymous, or signed in (API sign-up) with the given role.</summary>
    private static async Task<HttpClient> ClientAsync(GurukulApp app, string? role)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        if (role is null)
        {
            return client;
        }

        var accessToken = role == Roles.Admin
            ? (await app.StaffTokenAsync(client)).AccessToken
            : (await client.RegisterAsync(ApiClient.NewEmail(role))).AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }
}
