namespace Gurukul.Tests.Infrastructure;

/// <summary>Waiting for background work (jobs, mail) by checking its outcome until a deadline, never by sleeping a fixed time.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Gave up waiting until " + what);
            }

            await Task.Delay(25);
        }
    }
}
