#!/usr/bin/env bash
# Sign-in load benchmark (issue 16): a search and /health/ready measured alone, then while 50 clients sign in as fast as
# they can. Starts the built app in Production on a fresh SQLite file with the demo marketplace, signs up the bench's
# sign-in accounts, measures, prints the figures and stops the app.
#
# Usage: bench/signin-load.sh [clients=50] [duration-seconds=30]
# Environment (defaults in brackets):
#   BENCH_APP_REPO  the checkout whose app is measured [this one]; for "before" figures, another commit exported with
#                   git archive (the bench tool itself always comes from this checkout)
#   BENCH_PORT [5181]  BENCH_WARMUP [10]  BENCH_LABEL [the app checkout's commit]
#   BENCH_DIR       where the SQLite file and uploads go, emptied first [/tmp/gurukul-bench-signin-<port>]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
app_repo=$(cd "${BENCH_APP_REPO:-$repo}" && pwd)
clients=${1:-50}
duration=${2:-30}
port=${BENCH_PORT:-5181}
warmup=${BENCH_WARMUP:-10}
dir=${BENCH_DIR:-/tmp/gurukul-bench-signin-$port}
label=${BENCH_LABEL:-$(git -C "$app_repo" rev-parse --short HEAD 2>/dev/null || basename "$app_repo")}

echo "== Build (Release): the bench tool from $repo, the app from $app_repo"
for project in "$repo/bench/Gurukul.Bench" "$app_repo/src/Gurukul"; do
  if ! dotnet build -c Release "$project" -nologo -v q > /tmp/gurukul-bench-signin-build.log 2>&1; then
    grep -E "error" /tmp/gurukul-bench-signin-build.log | sort -u >&2
    exit 1
  fi
done

echo "== Start Gurukul (Production, fresh SQLite in $dir, demo marketplace, RateLimits:Auth:PermitLimit raised)"
rm -rf "$dir" && mkdir -p "$dir"
log="$dir/app.log"
env ASPNETCORE_ENVIRONMENT=Production Gurukul__PublicBaseUrl="http://127.0.0.1:$port" RateLimits__Auth__PermitLimit=100000 \
  Gurukul__DataDirectory="$dir" ConnectionStrings__Postgres= ConnectionStrings__Sqlite="Data Source=$dir/gurukul.db" \
  dotnet "$app_repo/src/Gurukul/bin/Release/net10.0/Gurukul.dll" --urls "http://127.0.0.1:$port" --contentRoot "$app_repo/src/Gurukul" \
  > "$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT
started=$(date +%s)
until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "Gurukul exited before it was ready:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -gt 300 ]; then
    echo "Gurukul was not ready after 5 minutes (log: $log)" >&2
    exit 1
  fi
  sleep 0.5
done
echo "ready after $(( $(date +%s) - started )) s; machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet "$repo/bench/Gurukul.Bench/bin/Release/net10.0/Gurukul.Bench.dll" signin --base "http://127.0.0.1:$port" \
  --clients "$clients" --duration "$duration" --warmup "$warmup" --label "$label"
echo "machine load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
