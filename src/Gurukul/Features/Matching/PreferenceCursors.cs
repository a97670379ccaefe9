using System.Security.Cryptography;
using System.Text.Json;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Matching;

/// <summary>
/// Cursors of the favourite and hidden lists, made as search makes its own (ADR 0014): the last row's keys, encrypted and
/// signed with the app's data-protection keys, so they are opaque and any change makes them a 400 naming <c>cursor</c>.
/// A cursor belongs to the list it was made for.
/// </summary>
public sealed class PreferenceCursors(IDataProtectionProvider protection, IStringLocalizer<Strings> text)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Gurukul.Matching.PreferenceCursor.v1");

    public string Write(MentorPreferenceKind kind, PreferenceCursor last) =>
        _protector.Protect(JsonSerializer.Serialize(new CursorData(kind, last.At.ToUnixTimeTicks(), last.MentorId)));

    public PreferenceCursor Read(string cursor, MentorPreferenceKind kind)
    {
        try
        {
            if (JsonSerializer.Deserialize<CursorData>(_protector.Unprotect(cursor)) is { } data && data.Kind == kind)
            {
                return new PreferenceCursor(Instant.FromUnixTimeTicks(data.Ticks), data.MentorId);
            }
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or JsonException)
        {
            // Fall through: any cursor we did not make, or made for the other list, gets the same answer.
        }

        throw new ValidationException("cursor", text["validation.cursor"]);
    }

    private sealed record CursorData(MentorPreferenceKind Kind, long Ticks, Guid MentorId);
}
