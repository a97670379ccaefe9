using System.Reflection;
using Gurukul.Platform.Data;
using Xunit.Sdk;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// One theory row per database: SQLite always; PostgreSQL when GURUKUL_TEST_POSTGRES is set, and always under CI,
/// where a missing server then fails the row instead of quietly leaving it out.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllProvidersAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [DatabaseProvider.Sqlite];
        if (TestEnvironment.PostgresConnectionString is not null || TestEnvironment.IsCi)
        {
            yield return [DatabaseProvider.Postgres];
        }
    }
}
