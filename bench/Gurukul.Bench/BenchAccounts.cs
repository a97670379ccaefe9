namespace Gurukul.Bench;

/// <summary>
/// Who the generated people are, shared by <c>generate</c> (which creates them) and <c>load</c> (which signs in as them):
/// numbered addresses under a reserved domain, and one password for all.
/// </summary>
public static class BenchAccounts
{
    public const string Domain = "bench.gurukul.example";

    /// <summary>Ten characters or more, as the app's password rules require.</summary>
    public const string Password = "gurukul-bench-2026";

    public static string MentorEmail(int number) => $"mentor.{number}@{Domain}";

    public static string StudentEmail(int number) => $"student.{number}@{Domain}";

    /// <summary>Matches every bench account's normalized email (SQL LIKE): how re-runs find and <c>--reset</c> removes them.</summary>
    public static string NormalizedEmailPattern => "%@" + Domain.ToUpperInvariant();
}
