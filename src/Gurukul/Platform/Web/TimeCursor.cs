using System.Globalization;
using System.Text;
using Gurukul.Platform.Errors;
using NodaTime;

namespace Gurukul.Platform.Web;

/// <summary>
/// A keyset cursor of a list ordered by a time and then an id: opaque to clients (base64 of "ticks|id"); a value that is not
/// one is a 400 naming <c>cursor</c>.
/// </summary>
public static class TimeCursor
{
    public static string Encode(Instant at, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(at.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) + "|" + id));

    public static (Instant At, Guid Id) Decode(string cursor, string invalidMessage)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|', 2);
            return (Instant.FromUnixTimeTicks(long.Parse(parts[0], CultureInfo.InvariantCulture)), Guid.Parse(parts[1]));
        }
        catch (Exception exception) when (exception is FormatException or IndexOutOfRangeException or OverflowException or ArgumentException)
        {
            throw new ValidationException("cursor", invalidMessage);
        }
    }
}
