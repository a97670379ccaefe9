using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server for the tests: the npm package s3rver, pinned in <c>tests/Gurukul.Tests/s3rver</c>
/// (package.json and package-lock.json) and installed there on first use, run by Node.js on a loopback port with one
/// bucket. Node.js is already a prerequisite of the build. If it cannot be installed or started, the test fails and
/// says why, in CI and everywhere else: the S3 adapter is never silently left untested.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";

    // s3rver accepts exactly this well-known key pair, and checks the AWS signature with it.
    public const string SecretKey = "S3RVER";

    private static readonly NpmTool Tool = new("s3rver", "The S3 storage tests");

    private readonly ServerProcess _process;
    private readonly string _directory;

    private S3Server(ServerProcess process, string directory, int port, string bucket)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Bucket = bucket;
    }

    public int Port { get; }
    public string Bucket { get; }
    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The <c>Storage:S3:*</c> settings that point Gurukul at this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Storage:S3:ServiceUrl"] = ServiceUrl,
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:AccessKey"] = AccessKey,
        ["Storage:S3:SecretKey"] = SecretKey,
    };

    /// <summary>Installs s3rver if needed, starts it with <paramref name="bucket"/> on a free port and waits until it answers.</summary>
    public static async Task<S3Server> StartAsync(string bucket = "gurukul-test")
    {
        var script = await Tool.InstallAsync(Path.Combine("node_modules", "s3rver", "bin", "s3rver.js"));
        var directory = Path.Combine(Path.GetTempPath(), "gurukul-s3", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = ServerProcess.FreePort();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Tool.Directory,
        };
        foreach (var argument in new[] { script, "--directory", directory, "--port", $"{port}", "--address", "127.0.0.1", "--silent", "--configure-bucket", bucket })
        {
            info.ArgumentList.Add(argument);
        }

        var server = new S3Server(ServerProcess.Start(info), directory, port, bucket);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !server._process.HasExited)
        {
            try
            {
                // The bucket is configured just after the port opens: wait until it answers as a bucket, not only as a port.
                using var response = await http.GetAsync(new Uri($"{server.ServiceUrl}/{bucket}"));
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    return server;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"s3rver did not start on port {port}:\n" + string.Join("\n", server._process.Output));
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
