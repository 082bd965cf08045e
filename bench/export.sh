#!/usr/bin/env bash
# Chargeback export benchmark: fills a SQLite database (the product's own migrations) with usage records of last month,
# then runs the product's CLI `reports chargeback --by dim:team,model --format csv|xlsx|focus --out FILE` against it and
# prints, per format: seconds, file size, rows and the process's peak memory (VmHWM, from /usr/bin/time -v). Run at two
# sizes (default 100,000 and 1,000,000 records) so a peak that grows with the record count shows. Writes
# bench/results/export.md. Each export is cut off after EXPORT_TIMEOUT seconds (default 300), so a run stays within
# roughly ten minutes of machine time.
#
# Needs: the .NET SDK, python3, /usr/bin/time (apt-get install -y time). Usage: bench/export.sh [records ...]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000)
TIMEOUT=${EXPORT_TIMEOUT:-300}
WORK=$(mktemp -d /tmp/spendops-export-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$ROOT/bench/results"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }

echo "bench: publishing SpendOps (Release)"
dotnet publish SpendOps.Web/SpendOps.Web.csproj -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the first fill"

export ASPNETCORE_ENVIRONMENT=Production Database__Provider=Sqlite Logging__LogLevel__Default=Warning
cli() { (cd "$WORK/app" && dotnet SpendOps.Web.dll "$@"); }
# Last month as the CLI sees it (UTC, the tenant's zone).
MONTH=$(python3 -c "import datetime as d; t=d.date.today().replace(day=1)-d.timedelta(days=1); print(f'{t:%Y-%m}')")

RESULTS=()
for SIZE in "${SIZES[@]}"; do
  DB="$WORK/spendops-$SIZE.db"
  export ConnectionStrings__SpendOps="Data Source=$DB"
  cli tenants create bench >/dev/null
  for k in 1 2 3 4 5; do cli keys create --tenant bench --name "service-$k" >/dev/null; done
  echo "bench: filling $SIZE records of $MONTH"
  FILL_START=$(date +%s.%N)
  python3 bench/export-fill.py "$DB" bench "$MONTH" "$SIZE"
  FILL=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$FILL_START" "$(date +%s.%N)")
  echo "bench: filled in ${FILL}s ($(du -m "$DB" | cut -f1) MB)"
  for FORMAT in csv xlsx focus; do
    OUT="$WORK/chargeback-$SIZE.$FORMAT"
    echo "bench: $SIZE records, $FORMAT"
    STATUS=0
    (cd "$WORK/app" && /usr/bin/time -v -o "$WORK/time.txt" timeout "$TIMEOUT" dotnet SpendOps.Web.dll reports chargeback --tenant bench \
      --by dim:team,model --format "$FORMAT" --out "$OUT" 2>"$WORK/stderr.txt") || STATUS=$?
    SAID=$( (grep -v '^\s*Command being timed' "$WORK/stderr.txt" || true) | tail -1)
    [ "$STATUS" -eq 124 ] && SAID="stopped after ${TIMEOUT}s"
    RESULTS+=("$SIZE|$FORMAT|$STATUS|$(cat "$WORK/time.txt" | tr '\n' '\t')|$(stat -c %s "$OUT" 2>/dev/null || echo 0)|$SAID|$FILL")
  done
  rm -f "$DB" "$DB-wal" "$DB-shm" "$WORK"/chargeback-"$SIZE".*
done

python3 - "${RESULTS[@]}" <<'PY' | tee bench/results/export.md
import sys, re, datetime, platform, os
print(f"# SpendOps chargeback export benchmark, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC\n")
print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average at the end {os.getloadavg()[0]:.1f}. SQLite, "
      "`reports chargeback --tenant bench --by dim:team,model --format F --out FILE` for last month, Release build.\n")
print("| records | format | exit | seconds | file MB | rows (as the CLI reports) | peak RSS MB | fill s |")
print("|---|---|---|---|---|---|---|---|")
for line in sys.argv[1:]:
    size, fmt, status, timing, size_bytes, said, fill = line.split("|")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", timing).group(1).split(":")
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing).group(1)) / 1024
    rows = re.search(r"(\d+ row\(s\)[^;.]*)", said)
    print(f"| {int(size):,} | {fmt} | {status} | {seconds:.1f} | {int(size_bytes) / 1e6:.1f} | {rows.group(1) if rows else said} | {rss:.0f} | {fill} |")
PY
