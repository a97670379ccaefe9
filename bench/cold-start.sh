#!/usr/bin/env bash
# Cold start: seconds from `dotnet run --project src/Gurukul` on a fresh clone to the first 200 from /health/ready
# (restore, npm ci, asset build, compile, migrate, seed), then restarts of the built app on its existing data.
# Usage: bench/cold-start.sh [restarts=5]. Prints figures; package caches (~/.nuget, ~/.npm) stay warm.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
restarts=${1:-5}
work=$(mktemp -d)
trap 'pkill -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
port=5199

wait_ready() {
  local start=$1 pid=$2 log=$3
  for _ in $(seq 1 6000); do
    if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
      python3 -c "import time; print(f'{time.time() - $start:.2f}')"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Gurukul exited before it was ready:" >&2; tail -20 "$log" >&2; return 1
    fi
    sleep 0.1
  done
  echo "never became ready" >&2; return 1
}

git clone -q "$repo" "$work/gurukul"
cd "$work/gurukul"
start=$(python3 -c 'import time; print(time.time())')
dotnet run --project src/Gurukul --urls "http://127.0.0.1:$port" > "$work/first.log" 2>&1 &
first=$(wait_ready "$start" $! "$work/first.log")
pkill -f "$work/gurukul/src/Gurukul/bin" || true; sleep 1
echo "fresh clone → first ready: ${first} s (restore + npm install + Tailwind + compile + migrate + seed 40 mentors)"

times=()
for _ in $(seq 1 "$restarts"); do
  start=$(python3 -c 'import time; print(time.time())')
  dotnet src/Gurukul/bin/Debug/net10.0/Gurukul.dll --urls "http://127.0.0.1:$port" --contentRoot "$work/gurukul/src/Gurukul" > "$work/restart.log" 2>&1 &
  times+=("$(wait_ready "$start" $! "$work/restart.log")")
  pkill -f "Gurukul.dll --urls http://127.0.0.1:$port" || true; sleep 1
done
python3 - "${times[@]}" <<'PY'
import statistics, sys
t = sorted(float(x) for x in sys.argv[1:])
print(f"restart of built app on existing data → ready: median {statistics.median(t):.2f} s, min {t[0]:.2f}, max {t[-1]:.2f} (n={len(t)})")
PY
