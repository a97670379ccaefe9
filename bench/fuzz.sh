#!/usr/bin/env bash
# OpenAPI-driven fuzz of the whole API (issue 16): start the built app in Production on a fresh database, then send
# generated requests to every operation of /openapi/v1.json as anonymous, student, mentor and admin, and report every
# 5xx and every status the document does not declare. Exits 1 when any request got a 5xx.
#
# Usage: bench/fuzz.sh sqlite|postgres [requests=30000] [concurrency=8]
# Environment (defaults in brackets):
#   FUZZ_POSTGRES  PostgreSQL server to create the fresh database on  [Host=127.0.0.1;Username=gurukul_ci;Password=gurukul_ci]
#   FUZZ_PORT [5280]  FUZZ_SEED [1]  FUZZ_OUT (also write the report as JSON to this file)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
provider=${1:-}
requests=${2:-30000}
concurrency=${3:-8}
port=${FUZZ_PORT:-5280}
seed=${FUZZ_SEED:-1}
run=fuzz_$(date +%s)_$$
admin_email="fuzz-admin@example.com"
admin_password="Fuzz-Admin-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"

case "$provider" in
  sqlite)
    directory=$(mktemp -d /tmp/gurukul-fuzz.XXXXXX)
    app_database=(-u ConnectionStrings__Postgres "ConnectionStrings__Sqlite=Data Source=$directory/gurukul.db" "Gurukul__DataDirectory=$directory")
    cleanup_database() { rm -rf "$directory"; }
    ;;
  postgres)
    server=${FUZZ_POSTGRES:-Host=127.0.0.1;Username=gurukul_ci;Password=gurukul_ci}
    directory=$(mktemp -d /tmp/gurukul-fuzz.XXXXXX)
    app_database=("ConnectionStrings__Postgres=$server;Database=$run" "Gurukul__DataDirectory=$directory")
    # The app migrates an empty database; create it first (the role needs CREATEDB).
    psql_url="postgresql://$(sed -E 's/.*Username=([^;]*).*/\1/' <<< "$server"):$(sed -E 's/.*Password=([^;]*).*/\1/' <<< "$server")@$(sed -E 's/.*Host=([^;]*).*/\1/' <<< "$server")/postgres"
    psql "$psql_url" -q -c "CREATE DATABASE $run"
    cleanup_database() { psql "$psql_url" -q -c "DROP DATABASE IF EXISTS $run WITH (FORCE)" || true; rm -rf "$directory"; }
    ;;
  *)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac

echo "== Build (Release): the bench tool and the app it references"
if ! dotnet build -c Release "$repo/bench/Gurukul.Bench" -nologo -v q > /tmp/gurukul-fuzz-build.log 2>&1; then
  grep -E "error" /tmp/gurukul-fuzz-build.log | sort -u >&2
  exit 1
fi

echo "== Start Gurukul on $provider (Production, fresh database, a bootstrap admin, auth rate limit raised)"
log="$directory/app.log"
env "${app_database[@]}" ASPNETCORE_ENVIRONMENT=Production Gurukul__DemoData=true Gurukul__PublicBaseUrl="http://127.0.0.1:$port" \
  RateLimits__Auth__PermitLimit=10000000 GURUKUL_ADMIN_EMAIL="$admin_email" GURUKUL_ADMIN_PASSWORD="$admin_password" \
  dotnet "$repo/src/Gurukul/bin/Release/net10.0/Gurukul.dll" --urls "http://127.0.0.1:$port" --contentRoot "$repo/src/Gurukul" \
  > "$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; cleanup_database' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
  kill -0 "$app" 2>/dev/null || { echo "Gurukul exited before it was ready:" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 0.5
done

echo "== Fuzz: $requests requests, $concurrency at a time"
status=0
dotnet "$repo/bench/Gurukul.Bench/bin/Release/net10.0/Gurukul.Bench.dll" fuzz --base "http://127.0.0.1:$port" --requests "$requests" \
  --concurrency "$concurrency" --seed "$seed" --admin-email "$admin_email" --admin-password "$admin_password" ${FUZZ_OUT:+--out "$FUZZ_OUT"} || status=$?
echo "== Server errors in the app log: $(grep -c '"LogLevel":"Error"' "$log" || true)"
grep '"LogLevel":"Error"' "$log" | python3 -c '
import json, sys, collections
kinds = collections.Counter()
for line in sys.stdin:
    entry = json.loads(line)
    exception = (entry.get("Exception") or "").split("\n")[0][:200]
    kinds[(entry.get("Category"), exception or entry.get("Message", "")[:200])] += 1
for (category, what), count in kinds.most_common(20):
    print(f"  {count:6}  {category}: {what}")
' || true
exit $status
