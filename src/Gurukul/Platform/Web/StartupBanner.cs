using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Gurukul.Platform.Data;

namespace Gurukul.Platform.Web;

/// <summary>
/// Tells the person who started Gurukul where it is and, the one time an admin is created, how to sign in.
/// Written to the console directly, not to the logs, so the password never reaches a log store.
/// </summary>
public static class StartupBanner
{
    public static void PrintWhenStarted(WebApplication app, StartupReport report)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var lines = new List<string>
            {
                "",
                "  Gurukul is running at " + string.Join(", ", addresses),
                "  Database: " + report.Database.Describe(),
            };
            if (report.CreatedAdmin is { } admin)
            {
                lines.Add("  Admin account created: " + admin.Email);
                lines.Add(admin.GeneratedPassword is { } password
                    ? "  Admin password (shown only this once): " + password
                    : "  Admin password: the one in GURUKUL_ADMIN_PASSWORD");
            }

            lines.Add("");
            Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}
