using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Payments;

/// <summary>Reads a provider's webhook body whole (its signature is over the raw bytes), refusing more than providers ever send.</summary>
public static class WebhookBodies
{
    /// <summary>The largest webhook body read; providers send a few kilobytes.</summary>
    public const int MaxBytes = 256 * 1024;

    public static async Task<byte[]> ReadAsync(HttpRequest request, IStringLocalizer<Strings> text, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new PayloadTooLargeException(text["problem.413.detail"]);
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBytes)
            {
                throw new PayloadTooLargeException(text["problem.413.detail"]);
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
