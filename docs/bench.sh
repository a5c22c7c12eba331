#!/bin/sh
# c2isurvey `report` side by side with the analyst's pandas script, on the
# same generated forms: runs interleaved, medians, their ratio.
#
#   sh docs/bench.sh [N]        N forms (default 5000), from the project's root or anywhere
#
# The generator and the pandas script are the shared benchmark's, outside
# this repository: C2I_BENCH names its folder (the one holding gen/ and
# baseline.py), by default ../shared/bench beside the project's root.
# Environment: RUNS (runs of each, default 5), BENCH_DATA (where forms and
# outputs go, default c2i-bench in the temporary folder), PYTHON (default
# /usr/bin/python3, Debian's, which has the script's libraries).
#
# Needs Go, GNU time (/usr/bin/time) and Debian's python3-pandas,
# python3-openpyxl, python3-matplotlib and python3-xlsxwriter. With
# HYPERFINE=1, hyperfine (apt-get install hyperfine) then times the same two
# commands its own way, one after the other rather than interleaved.
# docs/performance.md says what the figures were.
set -eu

N=${1:-5000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${C2I_BENCH:-$ROOT/../shared/bench}
DATA=${BENCH_DATA:-${TMPDIR:-/tmp}/c2i-bench}
RUNS=${RUNS:-5}
PY=${PYTHON:-/usr/bin/python3}

missing() {
	echo "bench.sh: $*" >&2
	exit 2
}
[ -f "$BENCH/gen/main.go" ] && [ -f "$BENCH/baseline.py" ] ||
	missing "the shared benchmark is not in $BENCH (no gen/main.go or baseline.py there): set C2I_BENCH to the folder that holds them"
[ -x /usr/bin/time ] || missing "GNU time is missing: apt-get install time"
"$PY" -c 'import pandas, openpyxl, matplotlib, xlsxwriter' 2>/dev/null ||
	missing "$PY lacks the pandas script's libraries: apt-get install python3-pandas python3-openpyxl python3-matplotlib python3-xlsxwriter"

BENCH=$(cd "$BENCH" && pwd)
mkdir -p "$DATA/bin"
echo "building c2isurvey and the generator…" >&2
(cd "$ROOT" && go build -o "$DATA/bin/c2isurvey" ./cmd/c2isurvey)
(cd "$BENCH" && go build -o "$DATA/bin/gen" ./gen)
FORMS=$DATA/n$N
if [ ! -d "$FORMS" ] || [ "$(ls "$FORMS" | wc -l)" -ne "$N" ]; then
	echo "generating $N forms in $FORMS…" >&2
	rm -rf "$FORMS"
	"$DATA/bin/gen" -out "$FORMS" -n "$N" -years 2006-2012 -seed 1
fi
cat "$FORMS"/* >/dev/null # in the page cache for both

GO="$DATA/bin/c2isurvey report --in $FORMS --out $DATA/out-go"
PANDAS="$PY $BENCH/baseline.py $FORMS $DATA/out-py"
TIMES=$DATA/times.txt
: >"$TIMES"
# One warm-up each, then RUNS rounds of one run of each, alternating, so
# that both see the same moments of a shared machine.
for i in $(seq 0 "$RUNS"); do
	for who in go pandas; do
		if [ "$who" = go ]; then cmd=$GO; else cmd=$PANDAS; fi
		/usr/bin/time -f "$who %e %U %S %M" -o "$DATA/time.txt" sh -c "$cmd >/dev/null 2>&1"
		[ "$i" -eq 0 ] || cat "$DATA/time.txt" >>"$TIMES"
	done
done
"$PY" - "$TIMES" "$N" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
n = int(sys.argv[2])
med = {}
for who in ("go", "pandas"):
    r = [x for x in rows if x[0] == who]
    wall = statistics.median(float(x[1]) for x in r)
    cpu = statistics.median(float(x[2]) + float(x[3]) for x in r)
    rss = statistics.median(int(x[4]) for x in r) / 1024
    med[who] = wall
    name = "c2isurvey report" if who == "go" else "pandas script"
    print(f"{name:17} median of {len(r)}: {wall:7.2f} s wall, {cpu:7.2f} s CPU, {rss:6.0f} MiB peak, {1000 * wall / n:6.3f} ms a form")
print(f"ratio of the medians (pandas / c2isurvey), {n} forms: {med['pandas'] / med['go']:.1f}x")
EOF
if [ "${HYPERFINE:-0}" = 1 ]; then
	hyperfine --style basic --runs "$RUNS" --warmup 1 -n "c2isurvey report" "$GO" -n "pandas script" "$PANDAS"
fi
