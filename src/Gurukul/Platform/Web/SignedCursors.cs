using System.Security.Cryptography;
using System.Text.Json;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Platform.Web;

/// <summary>
/// Opaque, signed cursors of lists ordered by a time and an id (payments, earnings, bookings; as the other lists make them,
/// ADR 0014): a cursor names its list, and a changed or foreign one is 400 naming <c>cursor</c>.
/// </summary>
public sealed class SignedCursors(IDataProtectionProvider protection, IStringLocalizer<Strings> text)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Gurukul.Lists.Cursor.v1");

    public string Write(string list, Instant at, Guid id) => _protector.Protect(JsonSerializer.Serialize(new CursorData(list, at.ToUnixTimeTicks(), id)));

    public (Instant At, Guid Id) Read(string list, string cursor)
    {
        try
        {
            if (JsonSerializer.Deserialize<CursorData>(_protector.Unprotect(cursor)) is { } data && data.List == list)
            {
                return (Instant.FromUnixTimeTicks(data.Ticks), data.Id);
            }
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            // Any cursor we did not make gets the same answer below.
        }

        throw new ValidationException("cursor", text["validation.cursor"]);
    }

    private sealed record CursorData(string List, long Ticks, Guid Id);
}
