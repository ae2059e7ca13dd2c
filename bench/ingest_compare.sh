#!/usr/bin/env bash
# Ingest throughput: the Vigil server over loopback HTTP vs the raw DuckDB appender writing the same rows, interleaved.
#
#   bench/ingest_compare.sh [--rounds 3] [--seconds 60] [--concurrency 4] [--batch 1000] [--group-seconds 0]
#
# Per round (odd rounds HTTP first, even rounds appender first), each side on a fresh DuckDB file:
#   http:     a server on 127.0.0.1 (bench/Vigil.Bench.Ingest serve: VigilServer on the file, model "bench" with the w1
#             schema and a monitor record), model checked with curl, then N clients post w1 events in batches of 1,000
#             for D seconds; events/s acknowledged, p50/p99 batch latency, server VmRSS every second.
#   appender: the same 31-column rows through DuckDB's appender, one appender (= one commit) per 1,000 rows, D seconds.
#   with --group-seconds G > 0, also the appender committing N (= concurrency) batches per transaction for G seconds:
#             the most the server's group commit can share one commit among (N requests queued at once).
# The load generator builds its request bodies before the timed phase (ids patched in place), so it costs little CPU.
# Raw JSON lines, uptime and the machine go to perf-data/results-ingest-<time>/; medians and the ratio are printed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
rounds=3 seconds=60 concurrency=4 batch=1000 group_seconds=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --group-seconds) group_seconds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
py=/usr/bin/python3
data=perf-data/w1_cur_100k.csv
if [ ! -f "$data" ]; then
  echo "generating perf-data (w1)..." >&2
  "$py" "$root/../shared/bench/gen.py" --out perf-data --only w1 >&2
fi

dotnet build bench/Vigil.Bench.Ingest/Vigil.Bench.Ingest.csproj -c Release -o .build/bench-ingest --nologo -v quiet -clp:ErrorsOnly >&2
bench="$root/.build/bench-ingest/Vigil.Bench.Ingest"

out="perf-data/results-ingest-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$out"
{ echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "nproc: $(nproc)"; lscpu | head -20; free -m | head -2; echo "commit: $(git rev-parse --short HEAD)";
  echo "seconds=$seconds concurrency=$concurrency batch=$batch rounds=$rounds group_seconds=$group_seconds"; } > "$out/machine.txt"
tmp="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

http_side() { # round
  local r="$1" port url
  rm -f "$tmp/server.duckdb" "$tmp/server.duckdb.wal"
  port="$(free_port)"; url="http://127.0.0.1:$port"
  "$bench" serve --db "$tmp/server.duckdb" --urls "$url" --model bench > "$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do curl -fsS "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  # the model (registered by the host with the w1 schema) must be visible over the API before timing
  curl -fsS "$url/api/v1/models/bench" > "$tmp/model.json" || { cat "$tmp/server.log" >&2; exit 1; }
  "$bench" http --url "$url" --model bench --seconds "$seconds" --concurrency "$concurrency" --batch "$batch" \
    --server-pid "$server_pid" --data "$data" --round "$r" >> "$out/http.jsonl"
  curl -fsS "$url/api/v1/models/bench" | "$py" -c 'import json,sys; m=json.load(sys.stdin); print("  server says events_ingested =", m.get("events_ingested"))' >&2 || true
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}
appender_side() { # round
  "$bench" baseline --db "$tmp/appender.duckdb" --seconds "$seconds" --batch "$batch" --data "$data" --round "$1" >> "$out/appender.jsonl"
  rm -f "$tmp/appender.duckdb" "$tmp/appender.duckdb.wal"
  if [ "$group_seconds" != "0" ]; then
    "$bench" baseline --db "$tmp/appender.duckdb" --seconds "$group_seconds" --batch "$batch" --group "$concurrency" --data "$data" --round "$1" >> "$out/appender-group.jsonl"
    rm -f "$tmp/appender.duckdb" "$tmp/appender.duckdb.wal"
  fi
}

for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds  load: $(uptime | sed 's/.*load average: //')" | tee -a "$out/uptime.txt" >&2
  if [ $((r % 2)) -eq 1 ]; then http_side "$r"; appender_side "$r"; else appender_side "$r"; http_side "$r"; fi
done
echo "after  load: $(uptime | sed 's/.*load average: //')" | tee -a "$out/uptime.txt" >&2

"$py" - "$out" <<'PY'
import json, statistics, sys, os
out = sys.argv[1]
def load(name):
    with open(os.path.join(out, name)) as f:
        return [json.loads(l) for l in f if l.strip()]
http, app = load("http.jsonl"), load("appender.jsonl")
med = lambda xs: statistics.median(xs)
h = med([x["events_per_s"] for x in http]); a = med([x["events_per_s"] for x in app])
print(f"results in {out}")
for x in http:
    rss = x.get("rss_mb", [])
    trend = f"RSS MB first {rss[0][1]:.0f}, max {max(v for _, v in rss):.0f}, last {rss[-1][1]:.0f}" if rss else "no RSS"
    print(f"  round {x['round']}: http {x['events_per_s']:.0f} ev/s (p50 {x['p50_ms']:.1f} ms, p99 {x['p99_ms']:.1f} ms, {x['failures']} failed batches; {trend})")
for x in app:
    print(f"  round {x['round']}: appender {x['events_per_s']:.0f} ev/s (p50 {x['p50_ms']:.1f} ms per 1,000-row commit)")
print(f"median http     {h:.0f} events/s  p50 {med([x['p50_ms'] for x in http]):.1f} ms  p99 {med([x['p99_ms'] for x in http]):.1f} ms")
print(f"median appender {a:.0f} events/s")
print(f"ratio http / appender = {h / a:.2f}")
if os.path.exists(os.path.join(out, "appender-group.jsonl")):
    g = load("appender-group.jsonl")
    for x in g:
        print(f"  round {x['round']}: {x['op']} {x['events_per_s']:.0f} ev/s (p50 {x['p50_ms']:.1f} ms per group commit)")
    gm = med([x["events_per_s"] for x in g])
    print(f"median grouped appender {gm:.0f} events/s; ratio http / grouped appender = {h / gm:.2f}")
PY
