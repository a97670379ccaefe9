using System.Diagnostics;
using System.Net;

namespace Gurukul.Tests.Infrastructure;

/// <summary>The built app run as its own process, as an operator runs it, with its standard output captured.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private AppProcess(ServerProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public IReadOnlyList<string> Output => _process.Output;

    /// <summary>Runs a command verb (<c>migrate</c>) to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string verb, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo([verb], environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>Starts the web app on a free loopback port and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        // Production will not start without the base of mailed links; a test that is about that setting passes its own.
        var settings = new Dictionary<string, string>(environment);
        settings.TryAdd("Gurukul__PublicBaseUrl", address.ToString());
        var app = new AppProcess(ServerProcess.Start(StartInfo(["--urls", address.ToString()], settings)), address);
        using var http = new HttpClient { BaseAddress = address };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !app._process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException("Gurukul did not become ready:\n" + string.Join("\n", app.Output));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.WebProject,
        };
        info.ArgumentList.Add(RepositoryPaths.AppAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Postgres"] = "";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

}
