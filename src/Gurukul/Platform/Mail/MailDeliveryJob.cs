using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using SmtpClient = MailKit.Net.Smtp.SmtpClient;

namespace Gurukul.Platform.Mail;

/// <summary>
/// Delivers one outbox mail: by SMTP (MailKit) when <c>Mail:Smtp:Host</c> is set, otherwise only into the dev mailbox. An
/// SMTP failure is recorded on the mail and rethrown, so the job runner retries with backoff; when the job is dead the mail
/// is marked failed. Never logs bodies or credentials.
/// </summary>
internal sealed partial class MailDeliveryJob(GurukulDbContext db, IOptions<MailOptions> options, IClock clock, ILogger<MailDeliveryJob> logger)
    : IJobHandler
{
    public const string JobKind = "mail.deliver";

    public string Kind => JobKind;

    public async Task RunAsync(string payload, CancellationToken cancellationToken)
    {
        var mailId = Read(payload);
        var mail = await db.Set<OutboxMail>().SingleOrDefaultAsync(m => m.Id == mailId, cancellationToken);
        // Deleted, or already sent by a previous run that could not record the job's success.
        if (mail is null || mail.Status == OutboxMailStatus.Sent)
        {
            return;
        }

        mail.Attempts++;
        var smtp = options.Value.Smtp;
        if (smtp.IsConfigured)
        {
            try
            {
                await SendAsync(mail, smtp, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                mail.LastError = Truncate(exception.InnerException is { } inner ? $"{exception.Message} → {inner.Message}" : exception.Message);
                await db.SaveChangesAsync(CancellationToken.None);
                throw;
            }
        }

        var transport = smtp.IsConfigured ? OutboxMail.SmtpTransport : OutboxMail.MailboxTransport;
        mail.Status = OutboxMailStatus.Sent;
        mail.Transport = transport;
        mail.SentAt = clock.GetCurrentInstant();
        // Not cancellable: the mail has left, and that must be recorded even during shutdown.
        await db.SaveChangesAsync(CancellationToken.None);
        LogDelivered(logger, mail.Id, mail.Kind, transport);
    }

    public async Task OnDeadAsync(string payload, string lastError, CancellationToken cancellationToken)
    {
        var mailId = Read(payload);
        await db.Set<OutboxMail>()
            .Where(m => m.Id == mailId && m.Status == OutboxMailStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxMailStatus.Failed).SetProperty(m => m.LastError, Truncate(lastError)), cancellationToken);
    }

    private static async Task SendAsync(OutboxMail mail, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 60_000 };
        // EnableSsl keeps the meaning it had with System.Net.Mail: STARTTLS, or TLS from the start on the SMTPS port.
        var security = !smtp.EnableSsl ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(Compose(mail, smtp.From), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>
    /// The MIME message: UTF-8 throughout (MimeKit encodes headers and bodies as needed, so Telugu and Hindi arrive intact),
    /// text with an optional HTML alternative, and for a mail a person may opt out of the RFC 8058 one-click unsubscribe
    /// headers, which mail clients show as an "Unsubscribe" button.
    /// </summary>
    internal static MimeMessage Compose(OutboxMail mail, string from)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
        if (mail.ListUnsubscribe is { } unsubscribe)
        {
            message.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return message;
    }

    private static Guid Read(string payload) =>
        JsonSerializer.Deserialize<Payload>(payload, JsonSerializerOptions.Web)?.MailId
        ?? throw new InvalidOperationException("The mail.deliver payload names no mail.");

    private static string Truncate(string error) => error.Length <= OutboxMail.LastErrorMaxLength ? error : error[..OutboxMail.LastErrorMaxLength];

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} ({Kind}) delivered by {Transport}")]
    private static partial void LogDelivered(ILogger logger, Guid mailId, string kind, string transport);

    /// <summary>The job's JSON: <c>{ "mailId": "…" }</c>.</summary>
    public sealed record Payload(Guid MailId);
}
