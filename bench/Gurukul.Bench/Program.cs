using Gurukul.Bench;
using Gurukul.Bench.Fuzz;
using Gurukul.Bench.Generate;
using Gurukul.Bench.Load;

const string Usage = """
    Gurukul benchmark tool (bench/README.md)

      generate --provider sqlite|postgres --connection "<connection string>"
               [--mentors 100000] [--students 200000] [--seed 42] [--reset | --skip-if-present]
          Migrates the database with the app's migrator, loads the reference data the app ships, then bulk-loads a
          synthetic marketplace. Refuses a database that already holds bench accounts unless --reset (remove them
          first) or --skip-if-present (do nothing, succeed).

      load --base http://localhost:5080 [--clients 50] [--duration 60] [--warmup 10] [--label "PostgreSQL"]
           [--mix search|reference] [--signed-in 200] [--students 200000] [--seed 7] [--out results.json] [--dry-run N]
           [--token-cache tokens.json]
          Drives the discovery endpoints of API.md at a fixed number of concurrent clients and prints requests,
          errors, throughput and latency percentiles per endpoint. --mix reference drives endpoints that exist
          today (reference data and /me) to check the tool itself. --dry-run N prints N requests and sends nothing.
          The app must allow that many sign-ins: start it with RateLimits__Auth__PermitLimit=100000. --token-cache
          keeps the students' bearer tokens (valid an hour) for the next run against the same server.

      fuzz --base http://127.0.0.1:5280 [--requests 30000] [--concurrency 8] [--seed 1] [--max-seconds 3600]
           [--admin-email E --admin-password P] [--out report.json]
          Reads /openapi/v1.json and sends generated requests (valid, boundary and malformed values) to every operation,
          as anonymous, student, mentor and admin; prints answers by status, every 5xx with its request, and statuses
          the document does not declare. Exits 1 on any 5xx. Needs the bootstrap admin the app was started with
          (GURUKUL_ADMIN_EMAIL/PASSWORD) and RateLimits__Auth__PermitLimit raised. bench/fuzz.sh does all of it.
    """;

try
{
    var arguments = new Arguments(args);
    return arguments.Verb switch
    {
        "generate" => await GenerateCommand.RunAsync(arguments),
        "load" => await LoadCommand.RunAsync(arguments),
        "fuzz" => await FuzzCommand.RunAsync(arguments),
        _ => throw new UsageException(arguments.Verb.Length == 0 ? "Name a command." : $"Unknown command '{arguments.Verb}'."),
    };
}
catch (UsageException usage)
{
    await Console.Error.WriteLineAsync(usage.Message);
    await Console.Error.WriteLineAsync();
    await Console.Error.WriteLineAsync(Usage);
    return 2;
}
catch (BenchException failure)
{
    await Console.Error.WriteLineAsync("error: " + failure.Message);
    return 1;
}
