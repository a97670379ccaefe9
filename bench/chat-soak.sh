#!/usr/bin/env bash
# Chat soak (issue 14): two Gurukul nodes on one PostgreSQL database, event streams spread over both, messages posted at a
# fixed rate on alternating nodes. Prints delivery latency, lost and duplicated deliveries and memory per connection.
# Generates a small marketplace (bench mentors to talk to) unless present, starts both nodes built in Release, measures,
# stops them.
#
# Usage: bench/chat-soak.sh [pairs=250] [connections-per-user=4] [rate=50] [duration-seconds=60]
#   (the defaults: 500 people × 4 = 2,000 streams, 50 messages/s for 60 s, as issue 14 asks)
# Environment (defaults in brackets):
#   BENCH_POSTGRES  [Host=127.0.0.1;Username=gurukul_ci;Password=gurukul_ci;Database=gurukul_bench_issue14_messaging]
#   BENCH_PORTS [5191,5192]  BENCH_MENTORS [400]  BENCH_DIR [/tmp/gurukul-bench-chat] (uploads and logs)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-250}
per_user=${2:-4}
rate=${3:-50}
duration=${4:-60}
connection=${BENCH_POSTGRES:-Host=127.0.0.1;Username=gurukul_ci;Password=gurukul_ci;Database=gurukul_bench_issue14_messaging}
IFS=, read -r port_a port_b <<< "${BENCH_PORTS:-5191,5192}"
mentors=${BENCH_MENTORS:-400}
dir=${BENCH_DIR:-/tmp/gurukul-bench-chat}

echo "== Build (Release): the bench tool and the app it references"
if ! dotnet build -c Release "$repo/bench/Gurukul.Bench" -nologo -v q > /tmp/gurukul-bench-chat-build.log 2>&1; then
  grep -E "error" /tmp/gurukul-bench-chat-build.log | sort -u >&2
  exit 1
fi
bench=(dotnet "$repo/bench/Gurukul.Bench/bin/Release/net10.0/Gurukul.Bench.dll")

echo "== Generate $mentors mentors into PostgreSQL (skipped when already there)"
"${bench[@]}" generate --provider postgres --connection "$connection" --mentors "$mentors" --students 10 --skip-if-present

rm -rf "$dir" && mkdir -p "$dir"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
for port in "$port_a" "$port_b"; do
  echo "== Start node on port $port (Production, demo data off, RateLimits:Auth:PermitLimit raised)"
  env ASPNETCORE_ENVIRONMENT=Production Gurukul__DemoData=false RateLimits__Auth__PermitLimit=100000 \
    Gurukul__PublicBaseUrl="http://127.0.0.1:$port_a" Gurukul__DataDirectory="$dir" \
    ConnectionStrings__Postgres="$connection" Logging__LogLevel__Default=Warning \
    dotnet "$repo/src/Gurukul/bin/Release/net10.0/Gurukul.dll" --urls "http://127.0.0.1:$port" --contentRoot "$repo/src/Gurukul" \
    > "$dir/node-$port.log" 2>&1 &
  pids+=($!)
  started=$(date +%s)
  until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
      echo "The node on $port exited before it was ready:" >&2
      tail -20 "$dir/node-$port.log" >&2
      exit 1
    fi
    if [ $(( $(date +%s) - started )) -gt 300 ]; then
      echo "The node on $port was not ready after 5 minutes" >&2
      exit 1
    fi
    sleep 0.5
  done
done
echo "both nodes ready; machine load average: $(cut -d' ' -f1-3 /proc/loadavg)"

"${bench[@]}" chat-soak --nodes "http://127.0.0.1:$port_a,http://127.0.0.1:$port_b" --pids "${pids[0]},${pids[1]}" \
  --pairs "$pairs" --connections-per-user "$per_user" --rate "$rate" --duration "$duration" --mentors "$mentors"
echo "machine load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
