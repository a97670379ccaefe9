using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gurukul.BrowserTests;

internal static class PageExpectations
{
    /// <summary>
    /// Waits (with retries) until the page is at this path, with exactly the given query or, when
    /// <paramref name="anyQuery"/>, any query. Unlike <c>WaitForURLAsync</c> it does not then wait for
    /// the load event: in CI that wait once hung after the URL had already matched.
    /// </summary>
    public static Task ToBeAtAsync(this IPage page, string pathAndQuery, bool anyQuery = false) =>
        Expect(page).ToHaveURLAsync(new Regex("^https?://[^/]+" + Regex.Escape(pathAndQuery) + (anyQuery ? @"(\?.*)?$" : "$")));
}
