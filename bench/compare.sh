#!/usr/bin/env bash
# Times Vigil against the shared Python baselines (../shared/bench) on the same generated files, interleaved.
#
#   bench/compare.sh evaluate [--rounds N]      (default 3 rounds; run from anywhere inside the repository)
#
# Per round, alternating which side goes first:
#   (i)   whole process: ./vigil evaluate on w2_metrics_10m.csv (--bootstrap 0) vs w2_sklearn.py --size 10m --reps 1;
#         in-process compute: bench/Vigil.Bench.Cli metrics (same 10M rows) vs the baseline's per-op JSON lines
#   (ii)  CSV load of w1_ref_1m.csv (1M x 25): Vigil.Bench.Cli load vs raw_limits.py --what csv (pandas.read_csv)
# Raw JSON lines and uptime go to perf-data/results-<time>/; the medians and ratios are printed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
what="${1:-}"
shift || true
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$what" != "evaluate" ]; then
  echo "usage: bench/compare.sh evaluate [--rounds N]" >&2
  exit 2
fi

shared="$root/../shared/bench"
[ -d "$shared" ] || { echo "missing $shared (clone the repository beside ../shared)" >&2; exit 2; }
py=/usr/bin/python3

# 1. Debian's Python stack for the baselines
if ! "$py" -c "import numpy, scipy, sklearn, pandas" 2>/dev/null; then
  echo "installing python3-numpy python3-scipy python3-sklearn python3-pandas (apt-get)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-scipy python3-sklearn python3-pandas >&2
fi

# 2. seeded data, once (perf-data/ is git-ignored)
if [ ! -f perf-data/w2_metrics_10m.csv ] || [ ! -f perf-data/w1_ref_1m.csv ]; then
  echo "generating perf-data (w1, w2; about a minute or two)..." >&2
  "$py" "$shared/gen.py" --out perf-data --only w1,w2 >&2
fi

# 3. build both Vigil sides in Release before timing anything
./vigil --help >/dev/null 2>&1 || true
dotnet build bench/Vigil.Bench.Cli/Vigil.Bench.Cli.csproj -c Release -o .build/bench-cli --nologo -v quiet -clp:ErrorsOnly >&2
benchcli="$root/.build/bench-cli/Vigil.Bench.Cli"

out="perf-data/results-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$out"
now() { date +%s.%N; }
# whole-process timing: appends {"side","round","op":"process","seconds"} to $out/process.jsonl
timed() { # side round command...
  local side="$1" round="$2"; shift 2
  local t0 t1
  t0=$(now)
  "$@"
  t1=$(now)
  echo "{\"side\": \"$side\", \"round\": $round, \"op\": \"process\", \"seconds\": $(echo "$t1 - $t0" | bc -l)}" >> "$out/process.jsonl"
}
vigil_eval() { timed vigil_evaluate "$1" ./vigil evaluate --data perf-data/w2_metrics_10m.csv --label label --score score --bootstrap 0 --json /tmp/vigil-bench-eval.json >/dev/null 2>&1; }
sk_eval() { timed sklearn_w2 "$1" "$py" "$shared/baselines/w2_sklearn.py" --size 10m --reps 1 | sed "s/^{/{\"round\": $1, /" >> "$out/sklearn_w2.jsonl"; }
vigil_metrics() { "$benchcli" metrics --data perf-data/w2_metrics_10m.csv --label label --score score --reps 1 | sed "s/^{/{\"round\": $1, /" >> "$out/vigil_metrics.jsonl"; }
vigil_load() { "$benchcli" load --data perf-data/w1_ref_1m.csv --reps 1 | sed "s/^{/{\"round\": $1, /" >> "$out/vigil_load.jsonl"; }
pandas_load() { "$py" "$shared/baselines/raw_limits.py" --what csv --reps 1 | sed "s/^{/{\"round\": $1, /" >> "$out/pandas_load.jsonl"; }

{ echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "nproc: $(nproc)"; lscpu | head -20; echo "commit: $(git rev-parse --short HEAD)"; } > "$out/machine.txt"
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds  load: $(uptime | sed 's/.*load average: //')" | tee -a "$out/uptime.txt" >&2
  if [ $((r % 2)) -eq 1 ]; then
    vigil_eval "$r"; sk_eval "$r"; vigil_metrics "$r"; vigil_load "$r"; pandas_load "$r"
  else
    sk_eval "$r"; vigil_eval "$r"; pandas_load "$r"; vigil_load "$r"; vigil_metrics "$r"
  fi
done
echo "after  load: $(uptime | sed 's/.*load average: //')" | tee -a "$out/uptime.txt" >&2

"$py" - "$out" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
def lines(name):
    p = os.path.join(out, name)
    return [json.loads(l) for l in open(p) if l.strip()] if os.path.exists(p) else []
def per_round(recs, op, key="median_s"):
    return [r[key] for r in recs if r.get("op") == op]
med = statistics.median
proc = lines("process.jsonl")
sk, vm = lines("sklearn_w2.jsonl"), lines("vigil_metrics.jsonl")
vl, pl = lines("vigil_load.jsonl"), lines("pandas_load.jsonl")
six = ["roc_auc_score", "average_precision_score", "log_loss", "brier_score_loss", "precision_recall_fscore_support", "confusion_matrix"]
sk_six = [sum(r["median_s"] for r in sk if r["op"] in six and r["round"] == k) for k in sorted({r["round"] for r in sk})]
rows = [
    ("evaluate, whole process (10M rows)", [p["seconds"] for p in proc if p["side"] == "sklearn_w2"], [p["seconds"] for p in proc if p["side"] == "vigil_evaluate"], None),
    ("6 binary metrics in-process (roc_auc, AP, log_loss, brier, P/R/F1, confusion)", sk_six, per_round(vm, "all"), 5.0),
    ("7 ops incl. calibration_curve, in-process", per_round(sk, "all"), per_round(vm, "all_with_calibration"), None),
    ("ROC AUC alone (Vigil: sort + walk)", per_round(sk, "roc_auc_score"), [a + b for a, b in zip(per_round(vm, "sort"), per_round(vm, "roc_auc"))], None),
    ("load w2 10M x 2 CSV (inside each process)", per_round(sk, "load"), per_round(vm, "load"), None),
    ("load w1_ref_1m.csv (1M x 25)", per_round(pl, "read_csv_1m_x25"), per_round(vl, "load"), 2.0),
]
print(f"\n{'measure':<80} {'python s':>9} {'vigil s':>9} {'ratio':>7} target")
summary = []
for name, py, vg, target in rows:
    if not py or not vg:
        print(f"{name:<80} missing"); continue
    p, v = med(py), med(vg)
    ratio = p / v
    verdict = "" if target is None else (f">= {target:g}x {'met' if ratio >= target else 'MISSED'}")
    print(f"{name:<80} {p:9.3f} {v:9.3f} {ratio:6.2f}x {verdict}")
    summary.append({"measure": name, "python_s": py, "vigil_s": vg, "python_median_s": p, "vigil_median_s": v, "ratio": round(ratio, 3), "target": target})
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=1)
print(f"\nraw results: {out}")
PY
