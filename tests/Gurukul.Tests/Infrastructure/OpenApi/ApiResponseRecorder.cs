using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Gurukul.Tests.Infrastructure.OpenApi;

/// <summary>One answer the app gave under <c>/api</c>, as the client received it.</summary>
public sealed record RecordedResponse(
    string Method, string Path, string? RoutePattern, bool MethodNotAllowed, int Status, string? ContentType, string? ContentEncoding, byte[] Body,
    bool BodyCut);

/// <summary>
/// Copies every response under <c>/api</c> on its way out, together with the endpoint that answered it, so that
/// <see cref="OpenApiConformance"/> can check each against the OpenAPI document. Outermost in the pipeline (a startup
/// filter), so it sees exactly what a client sees; the body passes through untouched, so streams stay streams.
/// </summary>
public sealed class ApiResponseRecorder : IStartupFilter
{
    // Enough for any page of JSON the app sends; a longer body is recorded as cut and its schema is not checked.
    private const int MaxRecordedBytes = 4 * 1024 * 1024;

    // The display name routing gives the endpoint it makes for a known path asked with a method it does not serve.
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    private readonly ConcurrentQueue<RecordedResponse> _responses = new();

    public IReadOnlyCollection<RecordedResponse> Responses => _responses;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "";
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var copy = new CopyingStream(original.Stream, MaxRecordedBytes);
        var recording = new StreamResponseBodyFeature(copy, original);
        context.Features.Set<IHttpResponseBodyFeature>(recording);
        try
        {
            await next(context);
            // Whatever the app wrote through the feature's pipe reaches the client (and the copy) before it is put back.
            await recording.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        // After an exception the handler has cleared the endpoint; the feature remembers which one failed.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        _responses.Enqueue(new RecordedResponse(
            method, path, (endpoint as RouteEndpoint)?.RoutePattern.RawText, endpoint?.DisplayName == MethodNotAllowedEndpoint,
            context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding ? encoding : null,
            copy.Copied, copy.Cut));
    }

    /// <summary>Writes through to the response and keeps a copy of the first bytes.</summary>
    private sealed class CopyingStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _copy = new();

        public byte[] Copied => _copy.ToArray();
        public bool Cut { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = limit - (int)_copy.Length;
            Cut |= bytes.Length > room;
            _copy.Write(bytes[..Math.Min(room, bytes.Length)]);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _copy.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
