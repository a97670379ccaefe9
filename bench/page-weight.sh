#!/usr/bin/env bash
# Page weight and server time of a page as a phone browser fetches it (Accept-Encoding: br, gzip).
# Usage: bench/page-weight.sh [base-url=http://localhost:5080] [path=/] [requests=50]
# Start Gurukul first (dotnet run --project src/Gurukul). Prints bytes on the wire and server time from Server-Timing.
set -euo pipefail
base=${1:-http://localhost:5080}
path=${2:-/}
n=${3:-50}
python3 - "$base" "$path" "$n" <<'PY'
import re, statistics, sys, urllib.request

base, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])

def fetch(url, encoding="br, gzip"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, "User-Agent": "gurukul-bench"})
    with urllib.request.urlopen(request) as response:
        return response.read(), response.headers

body, headers = fetch(base + path)
html_wire = len(body)
html_raw = len(fetch(base + path, "identity")[0])
html = fetch(base + path, "identity")[0].decode()
print(f"page {path}: HTML {html_wire:,} B on the wire ({headers.get('Content-Encoding') or 'uncompressed'}), {html_raw:,} B raw")
total_wire = html_wire
for kind, pattern in (("CSS", r'<link rel="stylesheet" href="([^"]+)"'), ("JS", r'<script src="([^"]+)"')):
    for asset in re.findall(pattern, html):
        wire, asset_headers = fetch(f"{base}/{asset.lstrip('/')}")
        raw = len(fetch(f"{base}/{asset.lstrip('/')}", "identity")[0])
        total_wire += len(wire)
        print(f"  {kind} {asset}: {len(wire):,} B on the wire ({asset_headers.get('Content-Encoding')}), {raw:,} B raw, "
              f"Cache-Control: {asset_headers.get('Cache-Control')}")
print(f"  total on first visit: {total_wire:,} B; repeat visits: {html_wire:,} B (assets are immutable-cached)")


durations = []
for _ in range(n):
    _, h = fetch(base + path)
    durations.append(float(re.search(r"dur=([\d.]+)", h["Server-Timing"]).group(1)))
durations.sort()
print(f"server time over {n} requests: median {statistics.median(durations):.1f} ms, "
      f"p90 {durations[int(n * 0.9) - 1]:.1f} ms, max {durations[-1]:.1f} ms")
PY
