namespace Gurukul.Platform.Mail;

/// <summary>The <c>Mail</c> configuration section.</summary>
public sealed class MailOptions
{
    public SmtpOptions Smtp { get; set; } = new();
    public DevMailboxOptions DevMailbox { get; set; } = new();

    /// <summary>The dev mailbox pages answer only when enabled; by default exactly when mail does not leave by SMTP.</summary>
    public bool DevMailboxEnabled => DevMailbox.Enabled ?? !Smtp.IsConfigured;
}

public sealed class SmtpOptions
{
    /// <summary>Mail goes out by SMTP exactly when this is set.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; }
    public string From { get; set; } = "Gurukul <no-reply@gurukul.local>";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public sealed class DevMailboxOptions
{
    public bool? Enabled { get; set; }
}
