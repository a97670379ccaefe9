using System.Security.Claims;
using System.Security.Cryptography;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on an endpoint (API.md "Book, pay, meet"): the same key with the same request replays the
/// first response (status, body, Location); with a different request it is 422; while the first is still running, 409. Only
/// responses the endpoint returned are kept (below 500): a request that threw (a refusal, a fault) releases the key, so the
/// client can correct it and retry with the same key. A request without the header runs as it is.
/// </summary>
internal sealed class IdempotencyFilter : IEndpointFilter
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(IdempotencyEndpoints.HeaderName, out var values)
            || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return await next(context);
        }

        var text = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > IdempotencyRecord.MaxKeyLength)
        {
            throw new ValidationException(IdempotencyEndpoints.HeaderName, text["idempotency.key_invalid", IdempotencyRecord.MaxKeyLength]);
        }

        var keys = http.RequestServices.GetRequiredService<IdempotencyKeys>();
        var claim = await keys.ClaimAsync(userId, key, await FingerprintAsync(http.Request), http.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Replay replay:
                return new ReplayedResponse(replay.Record);
            case IdempotencyClaim.InProgress:
                throw new ConflictException(text["idempotency.in_progress"]);
            case IdempotencyClaim.Mismatch:
                throw new UnprocessableException(text["idempotency.mismatch"]);
        }

        var recordId = ((IdempotencyClaim.Granted)claim).RecordId;
        IResult result;
        byte[] body;
        try
        {
            var value = await next(context);
            result = value as IResult ?? TypedResults.Json(value);
            body = await RenderAsync(result, http);
        }
        catch
        {
            await keys.ReleaseAsync(recordId);
            throw;
        }

        if (http.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            await keys.ReleaseAsync(recordId);
        }
        else
        {
            // Kept before the client hears the answer: a retry that arrives at once already finds it.
            await keys.CompleteAsync(recordId, http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                body, CancellationToken.None);
        }

        await http.Response.Body.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>Runs the result against a buffer instead of the client, leaving its status and headers on the response.</summary>
    private static async Task<byte[]> RenderAsync(IResult result, HttpContext http)
    {
        var client = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = client;
        }

        return buffer.ToArray();
    }

    // The body was buffered by IdempotencyEndpoints.UseIdempotency before the endpoint's binding read it.
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        request.Body.Position = 0;
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private sealed class ReplayedResponse(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = record.ResponseStatus!.Value;
            response.Headers[ReplayedHeader] = "true";
            if (record.ResponseContentType is not null)
            {
                response.ContentType = record.ResponseContentType;
            }

            if (record.ResponseLocation is not null)
            {
                response.Headers.Location = record.ResponseLocation;
            }

            if (record.ResponseBody is { Length: > 0 } body)
            {
                await response.Body.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}
