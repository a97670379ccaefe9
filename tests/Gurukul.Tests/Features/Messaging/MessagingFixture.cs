using Gurukul.Tests.Infrastructure;

namespace Gurukul.Tests.Features.Messaging;

/// <summary>One app per provider for the messaging and notification tests: jobs polled often, away notices due after four seconds.</summary>
public sealed class MessagingFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Jobs:PollInterval"] = "00:00:00.050",
        // Long enough that a test reading a message right after sending it does so before its notice falls due, even when
        // the machine is loaded (a second was not, at a load average of 50 on two cores).
        ["Messaging:AwayAlertDelay"] = "00:00:04",
    };
}
