#!/usr/bin/env bash
# Runs every test and prints "N passed, N failed, N skipped" last; exits non-zero when anything failed.
# Installs what the tests need when it is missing: PostgreSQL (started locally, password 'postgres', database
# vigil_test; exported as VIGIL_TEST_POSTGRES) and Debian's chromium + fonts (browser tests); the .NET SDK must be present.
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

# PostgreSQL for the storage conformance suite: when the local server is not answering, install it if missing
# (apt, as root or with sudo), start the newest installed cluster, set the postgres password, create vigil_test.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "cd /tmp && $1"; elif command -v sudo >/dev/null 2>&1; then sudo -n -u postgres sh -c "cd /tmp && $1"; else sh -c "$1"; fi; }
start_postgres() {
  if [ ! -x /usr/bin/pg_ctlcluster ]; then
    echo "test.sh: installing PostgreSQL" >&2
    as_root apt-get update -qq >/dev/null 2>&1 || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || { echo "test.sh: could not install postgresql" >&2; return 1; }
  fi
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  [ -n "$version" ] || { echo "test.sh: no PostgreSQL cluster under /etc/postgresql" >&2; return 1; }
  as_root pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 || { echo "test.sh: PostgreSQL $version did not start" >&2; return 1; }
  as_postgres "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null || return 1
  as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'vigil_test'\"" | grep -q 1 \
    || as_postgres "createdb vigil_test" || return 1
}
if [ -z "${VIGIL_TEST_POSTGRES:-}" ]; then
  if ! pg_isready -q -h 127.0.0.1 >/dev/null 2>&1; then
    start_postgres || echo "test.sh: warning: PostgreSQL unavailable; the PostgreSQL storage tests will fail" >&2
  fi
  export VIGIL_TEST_POSTGRES="Host=127.0.0.1;Username=postgres;Password=postgres;Database=vigil_test"
fi

# Chromium (Debian's) for the dashboard's Playwright browser tests, and a font so the pages render text.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  echo "test.sh: installing chromium and fonts-dejavu-core for the browser tests" >&2
  as_root apt-get update -qq >/dev/null 2>&1 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    || echo "test.sh: warning: could not install chromium; the dashboard browser tests will fail" >&2
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
