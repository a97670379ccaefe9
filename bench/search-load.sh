#!/usr/bin/env bash
# Search and recommendation load benchmark on one database (issue 5): generate the synthetic marketplace unless the
# database already holds it, start the built app on it (Production, demo data off, sign-in rate limit raised so the
# load tool can sign in a few hundred students), wait for /health/ready, warm up, measure, print the figures, stop the app.
#
# Usage: bench/search-load.sh sqlite|postgres [duration-seconds=60] [clients=50]
# Environment (defaults in brackets):
#   BENCH_SQLITE    SQLite file                    [/tmp/gurukul-bench/gurukul-bench.db]
#   BENCH_POSTGRES  PostgreSQL connection string   [Host=127.0.0.1;Username=gurukul;Password=gurukul;Database=gurukul_bench]
#                   (the database is created if missing: the role needs CREATEDB)
#   BENCH_MENTORS [100000]  BENCH_STUDENTS [200000]  BENCH_SEED [42]
#   BENCH_WARMUP [30]  BENCH_PORT [5180]  BENCH_MIX [search] (reference: endpoints that exist without the search API)
#   BENCH_OUT       also write the figures as JSON to this file
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
provider=${1:-}
duration=${2:-60}
clients=${3:-50}
mentors=${BENCH_MENTORS:-100000}
students=${BENCH_STUDENTS:-200000}
seed=${BENCH_SEED:-42}
warmup=${BENCH_WARMUP:-30}
port=${BENCH_PORT:-5180}
mix=${BENCH_MIX:-search}

case "$provider" in
  sqlite)
    file=${BENCH_SQLITE:-/tmp/gurukul-bench/gurukul-bench.db}
    mkdir -p "$(dirname "$file")"
    connection="Data Source=$file"
    app_database=(-u ConnectionStrings__Postgres "ConnectionStrings__Sqlite=$connection")
    label="SQLite"
    ;;
  postgres)
    connection=${BENCH_POSTGRES:-Host=127.0.0.1;Username=gurukul;Password=gurukul;Database=gurukul_bench}
    app_database=("ConnectionStrings__Postgres=$connection")
    label="PostgreSQL"
    ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac

echo "== Build (Release): the bench tool and the app it references"
if ! dotnet build -c Release "$repo/bench/Gurukul.Bench" -nologo -v q > /tmp/gurukul-bench-build.log 2>&1; then
  grep -E "error" /tmp/gurukul-bench-build.log | sort -u >&2
  exit 1
fi
bench=(dotnet "$repo/bench/Gurukul.Bench/bin/Release/net10.0/Gurukul.Bench.dll")

echo "== Generate $mentors mentors and $students students into $label (skipped when already there)"
"${bench[@]}" generate --provider "$provider" --connection "$connection" --mentors "$mentors" --students "$students" --seed "$seed" --skip-if-present

echo "== Start Gurukul on $label (Production, demo data off, RateLimits:Auth:PermitLimit raised)"
log=$(mktemp /tmp/gurukul-bench-app.XXXXXX.log)
env "${app_database[@]}" ASPNETCORE_ENVIRONMENT=Production Gurukul__PublicBaseUrl="http://127.0.0.1:$port" Gurukul__DemoData=false RateLimits__Auth__PermitLimit=100000 \
  dotnet "$repo/src/Gurukul/bin/Release/net10.0/Gurukul.dll" --urls "http://127.0.0.1:$port" --contentRoot "$repo/src/Gurukul" \
  > "$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT

started=$(date +%s)
# The first start on a new schema version may build indexes over the whole marketplace: allow it time.
until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "Gurukul exited before it was ready:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -gt 900 ]; then
    echo "Gurukul was not ready after 15 minutes (log: $log)" >&2
    exit 1
  fi
  sleep 0.5
done
echo "ready after $(( $(date +%s) - started )) s; app log: $log; machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== Load: $clients clients, ${warmup} s warm-up, ${duration} s measured"
"${bench[@]}" load --base "http://127.0.0.1:$port" --clients "$clients" --duration "$duration" --warmup "$warmup" \
  --label "$label" --students "$students" --mix "$mix" --token-cache "/tmp/gurukul-bench-tokens-$provider-$port.json" \
  ${BENCH_OUT:+--out "$BENCH_OUT"}
echo "machine load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
