using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// An independent reader of calendar files: Debian's <c>python3-icalendar</c> (the system interpreter, /usr/bin/python3),
/// which parses what Ical.Net wrote and reports each event as it understood it. Missing, it fails the test and says how
/// to install it.
/// </summary>
public static class ICalendarParser
{
    private const string Script = """
        import icalendar, json, sys
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        def when(v):
            d = v.dt
            return {"iso": d.isoformat(), "utc": d.tzinfo is not None and d.utcoffset().total_seconds() == 0}
        events = [{"uid": str(e["UID"]), "start": when(e["DTSTART"]), "end": when(e["DTEND"]), "summary": str(e.get("SUMMARY", "")),
                   "description": str(e.get("DESCRIPTION", "")), "sequence": int(e.get("SEQUENCE", 0)), "status": str(e.get("STATUS", "")),
                   "url": str(e.get("URL", ""))} for e in cal.walk("VEVENT")]
        print(json.dumps({"version": str(cal["VERSION"]), "prodid": str(cal["PRODID"]), "name": str(cal.get("X-WR-CALNAME", "")),
                          "events": events}))
        """;

    public static async Task<JsonElement> ParseAsync(string calendar)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        using var python = Process.Start(info)!;
        await python.StandardInput.WriteAsync(calendar);
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.False(error.Contains("No module named 'icalendar'", StringComparison.Ordinal),
            "Calendar tests need Debian's python3-icalendar: apt-get install python3-icalendar");
        Assert.True(python.ExitCode == 0, $"python3-icalendar could not read the calendar: {error}\n{calendar}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
