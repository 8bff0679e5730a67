#!/usr/bin/env bash
# Peak memory (RSS) of streaming a ~1 GB file through `file/fold-lines` and
# `file/for-each-line` (spec/stdlib.md §14): both must run in constant memory,
# so their peak RSS should stay near that of `sema -e 1`, whatever the file
# size. Not run in CI (it writes ~1 GB and takes a minute or more).
#
# Usage: bench/stream-rss.sh [SIZE_MB]        (default 1024)
# Env:   SEMA=path/to/sema  (default target/release/sema; build it first with
#                            `cargo build --release -p sema`)
#        LIMIT_KB=N         (fail if a streaming run peaks above N KiB;
#                            default 65536 = 64 MiB)
#        KEEP=1             (keep the generated file)
# Exit status: 0 when both runs print the right counts within LIMIT_KB.
set -euo pipefail

SIZE_MB=${1:-1024}
SEMA=${SEMA:-target/release/sema}
LIMIT_KB=${LIMIT_KB:-65536}
[ -x "$SEMA" ] || { echo "no sema binary at $SEMA (cargo build --release -p sema)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sema-stream-rss.XXXXXX")
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
DATA=$WORK/lines.txt

# A 1 MiB block of 1brc-style lines ("Station-NNNN;-12.3"), repeated.
awk 'BEGIN { n = 0; while (n < 1048576) {
        line = sprintf("Station-%04d;%d.%d", i % 9973, (i * 7) % 199 - 99, i % 10);
        i++; if (n + length(line) + 1 > 1048576) break;
        print line; n += length(line) + 1 } }' > "$WORK/block.txt"
echo "generating ${SIZE_MB} MiB in $DATA ..."
for _ in $(seq "$SIZE_MB"); do cat "$WORK/block.txt"; done > "$DATA"
BYTES=$(stat -c %s "$DATA")
LINES=$(( $(wc -l < "$WORK/block.txt") * SIZE_MB ))
CHARS=$(( BYTES - LINES ))   # ASCII: characters = bytes minus the newlines
echo "file: $BYTES bytes, $LINES lines"

cat > "$WORK/fold.sema" <<'SEMA'
(define path (car (cdr (member "--" (sys/args)))))
(println (file/fold-lines path (fn (acc line) (+ acc (string/length line))) 0))
SEMA
cat > "$WORK/each.sema" <<'SEMA'
(define path (car (cdr (member "--" (sys/args)))))
(define n 0)
(file/for-each-line path (fn (line) (set! n (+ n 1))))
(println n)
SEMA

status=0
# run NAME EXPECTED-OUTPUT SEMA-ARGS...: prints output, seconds and peak RSS.
run() {
    local name=$1 want=$2; shift 2
    local out rss secs start
    start=$(date +%s%N)
    out=$(/usr/bin/time -f %M -o "$WORK/rss" "$SEMA" "$@")
    secs=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.2f", ns / 1e9 }')
    rss=$(tail -n 1 "$WORK/rss")
    printf '%-18s peak RSS %8s KiB  %7ss  output %s\n' "$name" "$rss" "$secs" "$out"
    if [ -n "$want" ] && [ "$out" != "$want" ]; then
        echo "  WRONG OUTPUT: expected $want" >&2; status=1
    fi
    if [ "$name" != baseline ] && [ "$rss" -gt "$LIMIT_KB" ]; then
        echo "  peak RSS above the limit of $LIMIT_KB KiB" >&2; status=1
    fi
}

run baseline 1 -e 1
run file/fold-lines "$CHARS" "$WORK/fold.sema" -- "$DATA"
run file/for-each-line "$LINES" "$WORK/each.sema" -- "$DATA"
exit $status
