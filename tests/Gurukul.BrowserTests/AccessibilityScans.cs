using System.Text.Json;
using Gurukul.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Gurukul.BrowserTests;

/// <summary>axe-core (from npm) checks each page against WCAG 2.2 A and AA rules; serious or critical findings fail.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityScans(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js");

    [ChromiumFact]
    public async Task Pages_InEveryLanguage_HaveNoSeriousAccessibilityViolations()
    {
        string[] paths =
        [
            "/", "/mentors", "/no-such-page", "/?culture=hi", "/?culture=te", "/mentors?culture=te",
            "/account/sign-up", "/account/sign-up?culture=te", "/account/sign-in", "/account/sign-in?culture=hi",
            "/account/forgot-password", "/account/reset-password?token=x", "/guardian/consent?token=x", "/dev/mailbox", "/account/confirm-email?token=x",
        ];
        var failures = new List<string>();
        foreach (var path in paths)
        {
            var page = await browser.NewPageAsync(bypassContentSecurityPolicy: true);
            await page.GotoAsync(path);
            await page.AddScriptTagAsync(new() { Path = AxeScript });
            var json = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations" +
                ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))");
            foreach (var violation in json.EnumerateArray())
            {
                var line = $"{path}: {violation.GetProperty("id").GetString()} ({violation.GetProperty("impact").GetString()}) " +
                    $"{violation.GetProperty("help").GetString()} on {violation.GetProperty("nodes").GetInt32()} element(s)";
                output.WriteLine(line);
                if (violation.GetProperty("impact").GetString() is "serious" or "critical")
                {
                    failures.Add(line);
                }
            }

            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, "Accessibility violations:\n" + string.Join("\n", failures));
    }
}
