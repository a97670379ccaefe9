using System.ComponentModel;
using System.Diagnostics;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// A Node.js tool the tests use (s3rver, the Redocly OpenAPI linter), pinned by the package.json and package-lock.json of
/// its own folder under <c>tests/Gurukul.Tests</c> and installed there by npm on first use. Node.js is already a
/// prerequisite of the build. If npm fails, the test fails and says why, in CI and everywhere else: nothing is silently
/// left untested.
/// </summary>
public sealed class NpmTool(string folder, string purpose)
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "Gurukul.Tests", folder);

    /// <summary>
    /// <c>npm install</c> in the tool folder when its lock file is newer than what is installed: exact versions from
    /// package-lock.json, nothing saved, so the repository never changes. Returns the full path of <paramref name="entryPoint"/>
    /// (relative to the folder), which must exist afterwards.
    /// </summary>
    public async Task<string> InstallAsync(string entryPoint)
    {
        var script = Path.Combine(Directory, entryPoint);
        var installed = Path.Combine(Directory, "node_modules", ".package-lock.json");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(script) && File.Exists(installed)
                && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(Directory, "package-lock.json")))
            {
                return script;
            }

            var (exitCode, output, errors) = await RunAsync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error"]);
            if (exitCode != 0 || !File.Exists(script))
            {
                throw new InvalidOperationException(
                    $"{purpose} need(s) the npm packages of {Directory}, and npm failed ({exitCode}):\n{output}{errors}\n" +
                    "Run `npm install` there by hand to see why (Node.js and the npm registry must be reachable)" +
                    (TestEnvironment.IsCi ? "; CI runs every test, nothing may be skipped." : "."));
            }

            File.SetLastWriteTimeUtc(installed, DateTime.UtcNow);
            return script;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <paramref name="command"/> in the tool folder to its end; returns its exit code, output and errors.</summary>
    public async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(info)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output, await errors);
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"{purpose} run(s) with Node.js, and `{command}` could not be started: {exception.Message}", exception);
        }
    }
}
