using System.Globalization;

namespace Gurukul.Platform.Web;

/// <summary>
/// Pages take query values as strings and read them here: a typed <c>[SupplyParameterFromQuery]</c> property throws on
/// a value like <c>?page=abc</c> before the page runs, which would answer a hand-edited link with a server error.
/// </summary>
public static class QueryValues
{
    /// <summary>A 1-based page number; anything that is not a positive whole number means the first page.</summary>
    public static int PageNumber(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1;
}
