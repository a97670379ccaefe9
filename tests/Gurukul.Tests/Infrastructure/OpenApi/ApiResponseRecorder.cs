using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Gurukul.Tests.Infrastructure.OpenApi;

/// <summary>One answer the app gave under <c>/api</c>, as the client received it.</summary>
public sealed record RecordedResponse(
    string Method, string Path, string? RoutePattern, bool MethodNotAllowed, int Status, string? ContentType, string? ContentEncoding, byte[] Body,
    bool BodyCut);

/// <summary>
/// Checks every response under <c>/api</c> against the OpenAPI document the app serves (<see cref="OpenApiConformance"/>), as
/// the response leaves the app. Outermost in the pipeline (a startup filter), so it sees exactly what a client sees; the
/// body passes through untouched. A response that does not match fails the request that got it: the exception reaches
/// the test's HTTP call (the in-memory test server passes it on), so the test that provoked it fails, saying what is
/// wrong. Mismatches are also kept, for <see cref="GurukulApp"/> to report when it is disposed.
/// </summary>
public sealed class ApiResponseRecorder : IStartupFilter
{
    // Enough for any page of JSON the app sends; a longer body is recorded as cut and its schema is not checked.
    private const int MaxRecordedBytes = 4 * 1024 * 1024;

    // The display name routing gives the endpoint it makes for a known path asked with a method it does not serve.
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    private readonly ConcurrentQueue<string> _mismatches = new();
    private Task<OpenApiConformance>? _document;

    public IReadOnlyCollection<string> Mismatches => _mismatches;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(CheckAsync);
        next(app);
    };

    private async Task CheckAsync(HttpContext context, RequestDelegate next)
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
        var response = new RecordedResponse(
            method, path, (endpoint as RouteEndpoint)?.RoutePattern.RawText, endpoint?.DisplayName == MethodNotAllowedEndpoint,
            context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding ? encoding : null,
            copy.Copied, copy.Cut);
        var mismatches = (await DocumentAsync(context.RequestServices)).Check([response]);
        if (mismatches.Count > 0)
        {
            foreach (var mismatch in mismatches)
            {
                _mismatches.Enqueue(mismatch);
            }

            throw new OpenApiMismatchException(mismatches);
        }
    }

    /// <summary>The document as this app serves it, read once through the app's own server.</summary>
    private Task<OpenApiConformance> DocumentAsync(IServiceProvider services)
    {
        if (_document is null)
        {
            Interlocked.CompareExchange(ref _document, ReadDocumentAsync(services.GetRequiredService<IServer>()), null);
        }

        return _document;
    }

    private static async Task<OpenApiConformance> ReadDocumentAsync(IServer server)
    {
        using var client = server is TestServer test
            ? test.CreateClient()
            : new HttpClient { BaseAddress = new Uri(server.Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        return new OpenApiConformance(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
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
