using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd (<c>python3-aiosmtpd</c>) on a loopback port, storing every
/// message it accepts in a Maildir. Messages are decoded by Python's <c>email</c> package, independently of the
/// <c>System.Net.Mail</c> code that sent them. A missing aiosmtpd fails the test, in CI and everywhere else.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    // Debian installs the module for the system interpreter, which another python3 earlier on PATH may not see.
    private static readonly string[] PythonCandidates = ["python3", "/usr/bin/python3"];

    private const string DecodeScript = """
        import email, json, sys
        from email import policy
        with open(sys.argv[1], "rb") as f:
            m = email.message_from_binary_file(f, policy=policy.default)
        text, html = m.get_body(("plain",)), m.get_body(("html",))
        # MimeKit folds a long header onto the next line; once unfolded (RFC 5322 2.2.3) the leading blank is not the value's.
        header = lambda name: str(m[name]).strip() if m[name] is not None else None
        print(json.dumps({"from": str(m["From"]), "to": str(m["To"]), "subject": str(m["Subject"]),
            "text": text.get_content() if text else None, "html": html.get_content() if html else None,
            "listUnsubscribe": header("List-Unsubscribe"), "listUnsubscribePost": header("List-Unsubscribe-Post")}))
        """;

    private static readonly Lazy<string> Python = new(FindPython);

    private readonly ServerProcess _process;
    private readonly string _directory;

    private SmtpServer(ServerProcess process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    private string NewMail => Path.Combine(_directory, "maildir", "new");

    /// <summary>Starts the server on <paramref name="port"/> (default: a free one) and waits until it accepts connections.</summary>
    public static async Task<SmtpServer> StartAsync(int? port = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gurukul-smtp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var listenPort = port ?? ServerProcess.FreePort();
        var info = new ProcessStartInfo(Python.Value);
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{listenPort}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "maildir") })
        {
            info.ArgumentList.Add(argument);
        }

        var server = new SmtpServer(ServerProcess.Start(info), directory, listenPort);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !server._process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, listenPort);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"aiosmtpd did not start on port {listenPort}:\n" + string.Join("\n", server._process.Output));
    }

    /// <summary>Waits for the first message the server received, decoded.</summary>
    public async Task<ReceivedMail> WaitForMailAsync()
    {
        string? file = null;
        await Poll.UntilAsync(() => Task.FromResult((file = Directory.Exists(NewMail) ? Directory.GetFiles(NewMail).FirstOrDefault() : null) is not null),
            $"a message arrives at the SMTP server on port {Port}");
        return Decode(file!);
    }

    /// <summary>Every message the server has received so far, decoded.</summary>
    public IReadOnlyList<ReceivedMail> Received() =>
        Directory.Exists(NewMail) ? [.. Directory.GetFiles(NewMail).Order(StringComparer.Ordinal).Select(Decode)] : [];

    private static ReceivedMail Decode(string file)
    {
        var (exitCode, output, errors) = RunPython(["-c", DecodeScript, file]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("Could not decode the received message: " + errors);
        }

        return JsonSerializer.Deserialize<ReceivedMail>(output, JsonSerializerOptions.Web)!;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static string FindPython()
    {
        foreach (var candidate in PythonCandidates)
        {
            try
            {
                if (RunPython(["-c", "import aiosmtpd"], candidate).ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (Win32Exception)
            {
                // This interpreter is not installed; try the next.
            }
        }

        throw new InvalidOperationException(
            "The mail tests need a real SMTP server, Debian's aiosmtpd, and it is not installed: apt-get install python3-aiosmtpd" +
            (TestEnvironment.IsCi ? " (CI runs every test; nothing may be skipped)." : "."));
    }

    private static (int ExitCode, string Output, string Errors) RunPython(IEnumerable<string> arguments, string? python = null)
    {
        var info = new ProcessStartInfo(python ?? Python.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}

/// <summary>A message as the SMTP server received it, decoded by Python's <c>email</c> package.</summary>
public sealed record ReceivedMail(string From, string To, string Subject, string? Text, string? Html, string? ListUnsubscribe, string? ListUnsubscribePost);
