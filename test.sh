#!/usr/bin/env bash
# Runs every test and prints "N passed, N failed, N skipped" last; exits non-zero when anything failed.
# Installs what the tests need when it is missing (today: only the .NET SDK, which must be present).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [ ! -d "$root/../shared/data" ] && [ -z "${VIGIL_SHARED:-}" ]; then
  echo "test.sh: warning: ../shared/data not found beside the repository; real-data tests will fail (set VIGIL_SHARED)" >&2
fi

results="$root/TestResults"
rm -rf "$results"
dotnet build Vigil.sln -c Release --nologo -v quiet -clp:ErrorsOnly
build=$?
if [ $build -ne 0 ]; then
  echo "test.sh: build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test Vigil.sln -c Release --no-build --nologo --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
status=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files+1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed+${p:-0})); failed=$((failed+${f:-0}+${e:-0})); skipped=$((skipped+${t:-0}-${x:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; echo "test.sh: dotnet test exited with $status" >&2; fi
if [ $files -eq 0 ]; then failed=$((failed+1)); echo "test.sh: no test results found" >&2; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
