#!/usr/bin/env bash
# Page weight and server time of a page as browsers fetch it.
# Usage: bench/page-weight.sh [base-url=http://localhost:5080] [path=/] [requests=200]
#   e.g. bench/page-weight.sh http://localhost:5080 /mentors/lakshmi-prasanna-reddy 200   (a public mentor profile)
# Start Gurukul first (dotnet run --project src/Gurukul). Prints the bytes of the HTML and of each CSS and JS file it
# links as sent for Accept-Encoding br, gzip and identity (whatever Content-Encoding the server chose), and the server
# time from the Server-Timing header over sequential requests after a warm-up: median, p95 and max.
set -euo pipefail
base=${1:-http://localhost:5080}
path=${2:-/}
n=${3:-200}
python3 - "$base" "$path" "$n" <<'PY'
import re, statistics, sys, urllib.request

base, path, n = sys.argv[1].rstrip("/"), sys.argv[2], int(sys.argv[3])
encodings = ("br", "gzip", "identity")

def fetch(url, encoding):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, "User-Agent": "gurukul-bench"})
    with urllib.request.urlopen(request) as response:
        return response.read(), response.headers

def weigh(kind, url):
    sizes, sent_as, headers = {}, {}, None
    for encoding in encodings:
        body, headers = fetch(url, encoding)
        sizes[encoding] = len(body)
        sent_as[encoding] = headers.get("Content-Encoding") or "identity"
    note = ", ".join(f"{e} asked → {sent_as[e]} sent" for e in encodings if sent_as[e] != e)
    print(f"{kind:<5}{url[len(base):][:58]:<60}{sizes['br']:>10,}{sizes['gzip']:>10,}{sizes['identity']:>14,}"
          f"   {headers.get('Cache-Control') or '-'}{'  (' + note + ')' if note else ''}")
    return sizes

html = fetch(base + path, "identity")[0].decode()
print(f"page {path}: bytes per response (br, gzip, uncompressed)")
print(f"{'':<65}{'br':>10}{'gzip':>10}{'uncompressed':>14}   Cache-Control")
totals = dict.fromkeys(encodings, 0)
page = weigh("HTML", base + path)
for e in encodings:
    totals[e] += page[e]
for kind, pattern in (("CSS", r'<link rel="stylesheet" href="([^"]+)"'), ("JS", r'<script src="([^"]+)"')):
    for asset in re.findall(pattern, html):
        sizes = weigh(kind, f"{base}/{asset.lstrip('/')}")
        for e in encodings:
            totals[e] += sizes[e]
print(f"{'first visit (HTML + CSS + JS)':<65}{totals['br']:>10,}{totals['gzip']:>10,}{totals['identity']:>14,}")
print(f"{'repeat visit (HTML only: assets are immutable-cached)':<65}{page['br']:>10,}{page['gzip']:>10,}{page['identity']:>14,}")

for _ in range(10):  # warm-up: JIT, connection pools, the database's page cache
    fetch(base + path, "br, gzip")
durations = []
for _ in range(n):
    _, headers = fetch(base + path, "br, gzip")
    durations.append(float(re.search(r"dur=([\d.]+)", headers["Server-Timing"]).group(1)))
durations.sort()
p95 = durations[max(0, -(-n * 95 // 100) - 1)]
print(f"server time (Server-Timing) over {n} sequential requests after 10 warm-up: median {statistics.median(durations):.1f} ms, "
      f"p95 {p95:.1f} ms, max {durations[-1]:.1f} ms")
PY
