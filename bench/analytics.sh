#!/usr/bin/env bash
# Analytics benchmark: fills a database created by the product's own migrations (SQLite file, or PostgreSQL) with a
# year of realistic usage (bench/analytics/Bench: `generate`), runs the product's recurring jobs once if the command
# line can (`jobs run ID`), then times every analytics answer a user sees through the product's query services
# (`query`: warm, median of 5) and prints them against the 300 ms bar with the database size. Results go to stdout and
# bench/results/analytics-latest.md (bench/results/analytics-<db>-<records>.md too).
#
# Usage: bench/analytics.sh [--db sqlite|postgres] [--records N] [--runs N] [--keep]
#   PostgreSQL: SPENDOPS_BENCH_POSTGRES is a connection string without a database (default
#   Host=127.0.0.1;Port=5432;Username=postgres); a fresh database spendops_bench_<pid> is created and dropped after.
#   --keep keeps the database (its path or name is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DB_KIND=sqlite RECORDS=1000000 RUNS=5 KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --db) DB_KIND=$2; shift 2 ;;
    --records) RECORDS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "usage: bench/analytics.sh [--db sqlite|postgres] [--records N] [--runs N] [--keep]" >&2; exit 2 ;;
  esac
done
case "$DB_KIND" in sqlite|postgres) ;; *) echo "bench: --db is sqlite or postgres" >&2; exit 2 ;; esac
[[ "$RECORDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --records is a positive whole number" >&2; exit 2; }

WORK=$(mktemp -d /tmp/spendops-analytics-bench.XXXXXX)
mkdir -p "$ROOT/bench/results"
echo "bench: publishing SpendOps and the analytics bench (Release)"
dotnet publish SpendOps.Web/SpendOps.Web.csproj -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
dotnet publish bench/analytics/Bench/SpendOps.Bench.Analytics.csproj -c Release -o "$WORK/bench" --nologo -v quiet >/dev/null

export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Keys__HashSecretFile="$WORK/key-hash-secret"
if [ "$DB_KIND" = sqlite ]; then
  DB="$WORK/analytics-$RECORDS.db"
  export Database__Provider=Sqlite ConnectionStrings__SpendOps="Data Source=$DB"
  cleanup() { [ "$KEEP" = 1 ] && echo "bench: kept $DB" || rm -rf "$WORK"; }
else
  SERVER=${SPENDOPS_BENCH_POSTGRES:-Host=127.0.0.1;Port=5432;Username=postgres}
  DB="spendops_bench_$$"
  export Database__Provider=Postgres ConnectionStrings__SpendOps="$SERVER;Database=$DB"
  # psql's own connection options, from the same connection string.
  PSQL_ARGS=$(python3 -c "import sys; d=dict(p.split('=',1) for p in sys.argv[1].split(';') if '=' in p); d={k.lower():v for k,v in d.items()}; print(f\"-h {d.get('host','127.0.0.1')} -p {d.get('port','5432')} -U {d.get('username',d.get('user id','postgres'))} -d postgres\")" "$SERVER")
  cleanup() {
    if [ "$KEEP" = 1 ]; then echo "bench: kept database $DB"; else psql $PSQL_ARGS -qc "DROP DATABASE IF EXISTS $DB" >/dev/null || true; fi
    rm -rf "$WORK"
  }
fi
trap cleanup EXIT
cli() { (cd "$WORK/app" && dotnet SpendOps.Web.dll "$@"); }
bench() { (cd "$WORK/bench" && dotnet SpendOps.Bench.Analytics.dll "$@"); }

echo "bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $DB_KIND, $RECORDS records"
cli tenants list >/dev/null   # creates the database: the product's migrations and price catalog
START=$(date +%s)
bench generate --records "$RECORDS"
FILL=$(( $(date +%s) - START ))

# Derived state (rollups and the like) is kept up to date by the product's recurring jobs. A command line that can run
# them runs each here, so the queries see what a running server would have built: once, or again while a run says it
# left work for the next ("hoursLeft": the rollups rebuild a bounded number of hours per run), as the schedule would.
START=$(date +%s)
if cli help 2>/dev/null | grep -q "jobs run"; then
  for JOB in $(grep -rh 'public const string Id = ' SpendOps.Core SpendOps.Proxy | sed 's/.*= "\(.*\)";/\1/'); do
    echo "bench: jobs run $JOB"
    while true; do
      RUN=$(cli jobs run "$JOB" --json)
      echo "$RUN"
      grep -q '"hoursLeft": true' <<<"$RUN" || break
      echo "bench: jobs run $JOB again: it left work for the next run"
    done
  done
else
  echo "bench: this build has no 'jobs run' command: no derived state rebuilt, the queries read the raw records"
fi
DERIVED=$(( $(date +%s) - START ))
if [ "$DB_KIND" = postgres ]; then
  # A server that has run for a while has had autovacuum analyze the tables the jobs just filled; right after the
  # catch-up the statistics are stale (a month by model took 1.4 s instead of 16 ms).
  echo "bench: ANALYZE (what autovacuum does on a running server)"
  psql $PSQL_ARGS -d "$DB" -qc "ANALYZE" >/dev/null
fi

bench query --runs "$RUNS" > "$WORK/query.md"
{
  echo "# SpendOps analytics benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(uname -m), $(nproc) cores, \`uptime\`: $(uptime | sed 's/^ *//'). $DB_KIND, $RECORDS records generated in ${FILL} s (tenants, keys and budgets through the product's services, records through $([ "$DB_KIND" = sqlite ] && echo "prepared INSERTs" || echo "binary COPY")); the recurring jobs run until done in ${DERIVED} s. Release build."
  echo
  cat "$WORK/query.md"
} | tee "$ROOT/bench/results/analytics-$DB_KIND-$RECORDS.md" > "$ROOT/bench/results/analytics-latest.md"
cat "$ROOT/bench/results/analytics-latest.md"
