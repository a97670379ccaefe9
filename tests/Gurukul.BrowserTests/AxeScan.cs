using System.Text.Json;
using Gurukul.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gurukul.BrowserTests;

/// <summary>axe-core (from npm) checks a page against WCAG 2.2 A and AA rules; every finding is written out, serious or critical ones returned.</summary>
internal static class AxeScan
{
    private static readonly string AxeScript = Path.Combine(RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js");

    /// <summary>The page's serious and critical violations, one line each. The page's context must bypass CSP to take axe's script.</summary>
    public static async Task<List<string>> SeriousAsync(IPage page, string path, ITestOutputHelper output)
    {
        var failures = new List<string>();
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

        return failures;
    }
}
