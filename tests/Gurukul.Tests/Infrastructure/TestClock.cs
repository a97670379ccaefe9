using NodaTime;

namespace Gurukul.Tests.Infrastructure;

/// <summary>A clock a test moves forward by hand, for the app's time-driven work (reminders, retention); starts at the real now.</summary>
public sealed class TestClock : IClock
{
    private long _ticks = SystemClock.Instance.GetCurrentInstant().ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void Advance(Duration by) => Interlocked.Add(ref _ticks, by.BclCompatibleTicks);
}
