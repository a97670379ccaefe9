using Gurukul.Bench;
using Gurukul.Bench.Chat;
using Gurukul.Bench.Fuzz;
using Gurukul.Bench.Generate;
using Gurukul.Bench.Load;
using Gurukul.Bench.Scheduling;
using Gurukul.Bench.SignIn;

const string Usage = """
    Gurukul benchmark tool (bench/README.md)

      generate --provider sqlite|postgres --connection "<connection string>"
               [--mentors 100000] [--students 200000] [--seed 42] [--reset | --skip-if-present]
          Migrates the database with the app's migrator, loads the reference data the app ships, then bulk-loads a
          synthetic marketplace. Refuses a database that already holds bench accounts unless --reset (remove them
          first) or --skip-if-present (do nothing, succeed).

      load --base http://localhost:5080 [--clients 50] [--duration 60] [--warmup 10] [--label "PostgreSQL"]
           [--mix search|reference|scheduling] [--signed-in 200] [--students 200000] [--seed 7] [--out results.json] [--dry-run N]
           [--app-pid PID] [--database-name NAME]  (print the server's CPU per request: the app process, PostgreSQL backends of NAME)
           [--token-cache tokens.json]
          Drives the discovery endpoints of API.md at a fixed number of concurrent clients and prints requests,
          errors, throughput and latency percentiles per endpoint. --mix reference drives endpoints that exist
          today (reference data and /me) to check the tool itself; --mix scheduling drives month slot views, profile
          pages with their calendar and searches with availableFrom/To (issue 10; no sign-ins). --dry-run N prints N
          requests and sends nothing.
          The app must allow that many sign-ins: start it with RateLimits__Auth__PermitLimit=100000. --token-cache
          keeps the students' bearer tokens (valid an hour) for the next run against the same server.

      signin --base http://localhost:5080 [--clients 50] [--duration 30] [--warmup 10] [--probe-pause 100] [--label "after"]
          Measures a search and /health/ready alone, then again while --clients clients sign in as fast as they can
          (issue 16). Signs up signin.N@bench.gurukul.example first when missing. Start the app with
          RateLimits__Auth__PermitLimit=100000, as every client comes from this machine.

      slot-cost --provider sqlite|postgres --connection "<connection string>" [--mentors 2000] [--rounds 3]
          For a sample of generated mentors: one plain SQL query reading a mentor's availability rows against the
          app's slot engine computing a month of their slots from those rows; prints both and their ratio.

      chat-soak --nodes http://127.0.0.1:5191,http://127.0.0.1:5192 [--pids 123,456] [--pairs 250]
                [--connections-per-user 4] [--rate 50] [--duration 60] [--mentors 300]
          Issue 14's soak: --pairs conversations between generated mentors and students signed up for the run, each
          person with --connections-per-user event streams spread over the nodes, --rate messages a second posted on
          alternating nodes for --duration seconds. Prints delivery latency (POST start to the event on each stream),
          lost and duplicated deliveries, and with --pids the nodes' memory per connection.

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
        "signin" => await SignInLoadCommand.RunAsync(arguments),
        "slot-cost" => await SlotCostCommand.RunAsync(arguments),
        "chat-soak" => await ChatSoakCommand.RunAsync(arguments),
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
