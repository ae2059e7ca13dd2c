#!/usr/bin/env bash
# vigil drift vs a Python loop over scipy (../shared/bench/baselines/w1_scipy.py) on W1: 1M rows x 25 columns
# (20 numeric, 5 categorical), reference vs current. Interleaved rounds (odd rounds Vigil first, even rounds Python
# first; `uptime` recorded before each), 3 by default (RUNS=N), whole processes (CSV loading included on both sides),
# medians and the ratio; also the baseline's in-process 'all' time (loading excluded) and peak RSS. Raw outputs are
# kept in $PERF_DATA/results-drift-<time>/ (git-ignored).
#
#   bench/drift_compare.sh            # data in ./perf-data (generated when missing: ~95 s, ~650 MB, git-ignored)
#   PERF_DATA=/path/to/perf-data bench/drift_compare.sh
#
# Vigil runs every column's automatic method and, as --extra-methods, ks, psi, wasserstein_norm and jensenshannon on
# every numeric column (plus chisquare on the categorical ones), i.e. at least the tests the baseline runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${PERF_DATA:-$root/perf-data}"
runs="${RUNS:-3}"
shared="${VIGIL_SHARED:-$root/../shared}"
[ -d "$shared/bench" ] || shared=/work/shared
if [ ! -f "$data/w1_ref_1m.csv" ]; then
  echo "generating W1 data into $data (~95 s)..." >&2
  /usr/bin/python3 "$shared/bench/gen.py" --out "$data" --only w1
fi
./vigil --help > /dev/null   # build once, outside the timings
out="$data/results-drift-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$out"
tmp="$out"
vigil_cmd=(./vigil drift --reference "$data/w1_ref_1m.csv" --current "$data/w1_cur_1m.csv"
  --extra-methods ks,psi,wasserstein_norm,jensenshannon,chisquare --json "$tmp/drift.json" --out "$tmp/drift.html")
echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" | tee "$out/machine.txt"
echo "vigil:  /usr/bin/time -f '%e %M' ${vigil_cmd[*]}"
echo "python: (cd $tmp && PERF_DATA=$data /usr/bin/time -f '%e %M' /usr/bin/python3 $shared/bench/baselines/w1_scipy.py --size 1m --reps 1)"
run_vigil() {
  /usr/bin/time -f "%e %M" -o "$tmp/v.time" "${vigil_cmd[@]}" > "$tmp/v.out" 2> "$tmp/v.err" || { cat "$tmp/v.err" >&2; exit 1; }
  read -r vt vm < "$tmp/v.time"
}
run_python() {
  (cd "$tmp" && PERF_DATA="$data" /usr/bin/time -f "%e %M" -o "$tmp/p.time" /usr/bin/python3 "$shared/bench/baselines/w1_scipy.py" --size 1m --reps 1 > "$tmp/p.out")
  read -r pt pm < "$tmp/p.time"
  cat "$tmp/p.out" >> "$out/python.jsonl"
  pin=$(grep '"op": "all"' "$tmp/p.out" | /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["median_s"])')
}
v_times=(); p_times=(); p_inproc=(); v_peaks=()
for i in $(seq 1 "$runs"); do
  # odd rounds Vigil first, even rounds Python first, so both sides see the same drift in machine load
  echo "round $i load before: $(uptime)" | tee -a "$out/uptime.txt"
  if (( i % 2 == 1 )); then run_vigil; run_python; else run_python; run_vigil; fi
  printf 'run %d: vigil %6.2f s (peak %5d MB)   scipy %6.2f s whole / %6.2f s in-process (peak %5d MB)\n' "$i" "$vt" $((vm / 1024)) "$pt" "$pin" $((pm / 1024)) | tee -a "$out/rounds.txt"
  v_times+=("$vt"); p_times+=("$pt"); p_inproc+=("$pin"); v_peaks+=("$((vm / 1024))")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
vm=$(median "${v_times[@]}"); pm=$(median "${p_times[@]}"); pim=$(median "${p_inproc[@]}"); vpk=$(median "${v_peaks[@]}")
echo "median: vigil ${vm} s (peak RSS ${vpk} MB; target <= 600 MB), scipy ${pm} s whole process (${pim} s in-process, loading excluded)"
awk -v v="$vm" -v p="$pm" -v q="$pim" 'BEGIN { printf "ratio scipy/vigil: %.2fx whole process, %.2fx vs scipy in-process (target >= 5x)\n", p / v, q / v }'
echo "vigil: $(grep -E 'dataset drift' "$tmp/v.out" | tail -1)"
echo "report size: $(stat -c %s "$tmp/drift.html") bytes"
echo "load after: $(uptime)" | tee -a "$out/uptime.txt"
echo "raw outputs: $out"
