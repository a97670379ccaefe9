namespace Gurukul.Tests.Infrastructure;

/// <summary>What the environment gives the tests: a PostgreSQL server (GURUKUL_TEST_POSTGRES) and whether this is CI.</summary>
public static class TestEnvironment
{
    /// <summary>A connection string to a maintenance database of a server where the user may CREATE DATABASE.</summary>
    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable("GURUKUL_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    /// <summary>Under CI nothing may be skipped: a missing PostgreSQL or Chromium fails the run.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
