using Gurukul.Tests.Infrastructure;

namespace Gurukul.Tests.Features.Messaging;

/// <summary>One app per provider for the messaging and notification tests: jobs polled often, away notices due after a second.</summary>
public sealed class MessagingFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Jobs:PollInterval"] = "00:00:00.050",
        ["Messaging:AwayAlertDelay"] = "00:00:01",
    };
}
