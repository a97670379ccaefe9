using Gurukul.Platform.Data;

namespace Gurukul.Tests.Platform;

/// <summary>
/// The PostgreSQL triggers of migration 0016 (docs/adr/0028-realtime-stream.md): durable events numbered in commit order and
/// announced on commit, and every node's job runner woken by a new job. Outside the EF model; SQLite needs none of them.
/// </summary>
internal static class RealtimeSchema
{
    public static IReadOnlyList<string> For(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? [] : Postgres;

    private static readonly string[] Postgres =
    [
        "function jobs_notify()",
        "function realtime_events_notify()",
        "function realtime_events_number()",
        "trigger jobs.jobs_notify",
        "trigger realtime_events.realtime_events_notify",
        "trigger realtime_events.realtime_events_number",
    ];
}
