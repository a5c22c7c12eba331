#!/bin/sh
# What nightly runs cost by what changed: a data folder of N generated forms
# (default 10000), taken in by a first run, then a run with nothing new, a
# run with 10 new forms of the latest year, and a run with 10 new forms of
# an earlier year. Each line gives wall time, CPU (user + system) and peak
# resident memory (GNU time), and what the run said of its reports.
#
#   sh docs/bench-runs.sh [N]
#
# Uses the shared benchmark's generator as docs/bench.sh does (C2I_BENCH,
# BENCH_DATA as there). The new forms come from another seed of the same
# generator, so some are corrections of forms on record.
set -eu

N=${1:-10000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${C2I_BENCH:-$ROOT/../shared/bench}
DATA=${BENCH_DATA:-${TMPDIR:-/tmp}/c2i-bench}
[ -f "$BENCH/gen/main.go" ] || {
	echo "bench-runs.sh: the shared benchmark is not in $BENCH: set C2I_BENCH" >&2
	exit 2
}
[ -x /usr/bin/time ] || {
	echo "bench-runs.sh: GNU time is missing: apt-get install time" >&2
	exit 2
}
BENCH=$(cd "$BENCH" && pwd)
mkdir -p "$DATA/bin"
echo "building c2isurvey and the generator…" >&2
(cd "$ROOT" && go build -o "$DATA/bin/c2isurvey" ./cmd/c2isurvey)
(cd "$BENCH" && go build -o "$DATA/bin/gen" ./gen)
FORMS=$DATA/runs-n$N
EXTRA=$DATA/runs-extra
if [ ! -d "$FORMS" ] || [ "$(ls "$FORMS" | wc -l)" -ne "$N" ]; then
	echo "generating $N forms in $FORMS…" >&2
	rm -rf "$FORMS"
	"$DATA/bin/gen" -out "$FORMS" -n "$N" -years 2006-2012 -seed 1
fi
if [ ! -d "$EXTRA" ]; then
	"$DATA/bin/gen" -out "$EXTRA" -n 2000 -years 2006-2012 -seed 7
fi
FOLDER=$DATA/runs-data
rm -rf "$FOLDER"
mkdir -p "$FOLDER/inbox"
cp -R "$FORMS"/. "$FOLDER/inbox/" # not "$FORMS"/*: tens of thousands of names overflow the command line

run() {
	/usr/bin/time -f "%e %U %S %M" -o "$DATA/time.txt" \
		"$DATA/bin/c2isurvey" run --data "$FOLDER" --settle 0s >"$DATA/run.txt" 2>&1 || {
		cat "$DATA/run.txt" >&2
		exit 1
	}
	read -r wall user sys rss <"$DATA/time.txt"
	said=$(tail -n +2 "$DATA/run.txt" | grep -v /reports/ | cut -c1-64 | tr '\n' ' ')
	awk -v what="$1" -v wall="$wall" -v cpu="$user $sys" -v rss="$rss" -v said="$said" 'BEGIN {
		split(cpu, c, " ")
		printf "%-30s %7.2f s wall %7.2f s CPU %5d MiB  %s\n", what, wall, c[1] + c[2], rss / 1024, said
	}' </dev/null
}
drop() { # drop YEARLABEL COUNT: new forms of that year
	ls "$EXTRA" | grep "_$1_" | head -n "$2" | while read -r f; do cp "$EXTRA/$f" "$FOLDER/inbox/"; done
}
run "first run, $N forms"
run "nothing new"
drop 2011-2012 10
run "10 new forms of 2011-2012"
drop 2007-2008 10
run "10 new forms of 2007-2008"
