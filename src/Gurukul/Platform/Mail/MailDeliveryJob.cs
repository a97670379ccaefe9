using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Gurukul.Platform.Data;
using Gurukul.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Platform.Mail;

/// <summary>
/// Delivers one outbox mail: by SMTP when <c>Mail:Smtp:Host</c> is set, otherwise only into the dev mailbox. An SMTP
/// failure is recorded on the mail and rethrown, so the job runner retries with backoff; when the job is dead the mail
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
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, Timeout = 60_000 };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        // UTF-8 throughout (encoded-word headers, transfer-encoded bodies) so Telugu and Hindi arrive intact.
        using var message = new MailMessage
        {
            From = new MailAddress(smtp.From),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = mail.TextBody,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(mail.To));
        if (mail.HtmlBody is { } html)
        {
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, MediaTypeNames.Text.Html));
        }

        await client.SendMailAsync(message, cancellationToken);
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
