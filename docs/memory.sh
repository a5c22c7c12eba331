#!/bin/sh
# memory.sh measures the peak resident memory and the time of validate,
# report and run over single files, one process each, as issue 6 checks
# them (no file within sheet.DefaultLimits over 512 MiB). Linux, GNU time.
#
#   sh docs/memory.sh            # the large files of mkfixtures -hostile
#   sh docs/memory.sh FILE...    # files of your own
#
# Run from the repository's root. Prints one line per file and command:
# peak RSS in MiB, seconds, exit code, the first line of output. Figures
# vary with the machine's load: see docs/performance.md, "Memory".
set -eu

work=${TMPDIR:-/tmp}/c2isurvey-memory
rm -rf "$work"
mkdir -p "$work"
go build -o "$work/c2isurvey" ./cmd/c2isurvey
bin=$work/c2isurvey

if [ $# -eq 0 ]; then
	go run ./ingest/sheet/internal/mkfixtures -hostile "$work/files" 2>/dev/null
	set -- "$work"/files/consolidated-max.csv "$work"/files/consolidated-max.xlsx \
		"$work"/files/consolidated-1m.csv "$work"/files/consolidated-1m.xlsx \
		"$work"/files/budget-full.csv "$work"/files/budget-full.xlsx "$work"/files/budget-over.xlsx \
		"$work"/files/wide-sparse.xlsx "$work"/files/empty-shared-strings.xlsx "$work"/files/separators.csv
fi

measure() { # name, then the command
	name=$1
	shift
	code=0
	/usr/bin/time -f '%M %e' -o "$work/time" "$@" >"$work/out" 2>&1 || code=$?
	set -- $(cat "$work/time" | tail -1)
	printf '%-28s %-9s %6d MiB %7s s  exit %d  %s\n' "$name" "$cmd" $(($1 / 1024)) "$2" "$code" \
		"$(head -1 "$work/out" | cut -c1-60)"
}

for f; do
	name=$(basename "$f")
	cmd=validate
	measure "$name" "$bin" validate "$f"
	cmd=report
	measure "$name" "$bin" report --in "$f" --out "$work/out-report"
	rm -rf "$work/out-report"
	cmd=run
	rm -rf "$work/data"
	mkdir -p "$work/data/inbox"
	cp "$f" "$work/data/inbox/"
	touch -d '1 hour ago' "$work/data/inbox/$name" # settled: taken at once
	measure "$name" "$bin" run --data "$work/data" --settle 0s
	rm -rf "$work/data"
done
