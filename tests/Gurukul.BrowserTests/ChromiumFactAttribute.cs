using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.BrowserTests;

/// <summary>
/// A browser test. Without Debian's Chromium it is skipped and says how to install it; under CI=true it runs
/// anyway and fails, because CI must never pass without the browser tests having run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !TestEnvironment.IsCi)
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium); browser tests need it.";
        }
    }
}
