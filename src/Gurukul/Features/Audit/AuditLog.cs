using Gurukul.Platform.Data;
using NodaTime;

namespace Gurukul.Features.Audit;

/// <summary>Where a request came from, for the audit log.</summary>
public sealed record ClientInfo(string? IpAddress, string? UserAgent)
{
    public static ClientInfo From(HttpContext context) => new(
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null);
}

/// <summary>Records audit events in the caller's unit of work (saved with the change they describe).</summary>
public sealed class AuditLog(GurukulDbContext db, IClock clock)
{
    public void Add(string action, ClientInfo client, string? actorUserId = null, string? subjectUserId = null, string? detail = null) =>
        db.Set<AuditEvent>().Add(new AuditEvent
        {
            At = clock.GetCurrentInstant(),
            Action = action,
            ActorUserId = actorUserId,
            SubjectUserId = subjectUserId,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
            IpAddress = client.IpAddress,
            UserAgent = client.UserAgent,
        });
}
