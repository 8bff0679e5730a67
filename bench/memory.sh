#!/usr/bin/env bash
# Peak memory (RSS) of a long allocation-heavy loop must stay flat: a loop
# that makes a string, a list, a vector, a map and a closure per iteration
# and keeps none of them runs at 1e6 and 1e7 iterations, on both back ends,
# and the peak RSS may grow by at most LIMIT_KB between the two.
# Also measures the known leak: a closure that captures a cell holding
# itself is a reference cycle that Rc never frees; it reports the bytes
# leaked per such closure (README, "Known limitations").
# Not run in CI (it takes a minute or more).
#
# Usage: bench/memory.sh
# Env:   SEMA=path/to/sema  (default target/release/sema if built, else
#                            target/debug/sema)
#        LIMIT_KB=N         (allowed growth, default 1024 = 1 MiB)
#        SMALL=N BIG=N      (iteration counts, default 1000000 10000000)
# Exit status: 0 when the loop's peak RSS is flat on both back ends.
set -euo pipefail

if [ -z "${SEMA:-}" ]; then
    if [ -x target/release/sema ]; then SEMA=target/release/sema; else SEMA=target/debug/sema; fi
fi
LIMIT_KB=${LIMIT_KB:-1024}
SMALL=${SMALL:-1000000}
BIG=${BIG:-10000000}
[ -x "$SEMA" ] || { echo "no sema binary at $SEMA (cargo build --release -p sema)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sema-memory.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/loop.sema" <<'SEMA'
(define n (string->number (nth (sys/args) (- (length (sys/args)) 1))))
(define (work n)
  (let loop ((i 0) (acc 0))
    (if (< i n)
        (let* ((s (str "item-" i))
               (l (list i s))
               (v [i s l])
               (m {:i i :s s})
               (f (fn (x) (+ x i (string-length s) (length v) (count m)))))
          (loop (+ i 1) (+ acc (f (length l)))))
        acc)))
(println (work n))
SEMA

cat > "$WORK/cycles.sema" <<'SEMA'
(define n (string->number (nth (sys/args) (- (length (sys/args)) 1))))
;; Each iteration makes a closure that captures the variable holding it.
(define (make-cycle i)
  (let ((self nil))
    (set! self (fn () (list i self)))
    self))
(let loop ((i 0))
  (when (< i n)
    (make-cycle i)
    (loop (+ i 1))))
(println n)
SEMA

peak() { # MODE FILE N -> peak RSS in KiB
    /usr/bin/time -f %M -o "$WORK/rss" "$SEMA" "$1" "$2" -- "$3" > /dev/null
    cat "$WORK/rss"
}

status=0
echo "sema: $SEMA"
for mode in --vm --tree-walker; do
    base=$(/usr/bin/time -f %M "$SEMA" "$mode" -e 1 2>&1 >/dev/null | tail -1)
    small=$(peak "$mode" "$WORK/loop.sema" "$SMALL")
    big=$(peak "$mode" "$WORK/loop.sema" "$BIG")
    growth=$((big - small))
    verdict=ok
    if [ "$growth" -gt "$LIMIT_KB" ]; then verdict=FAIL; status=1; fi
    printf '%-14s loop: sema -e 1 %6d KiB; %9d iterations %6d KiB; %9d iterations %6d KiB; growth %5d KiB (limit %d): %s\n' \
        "$mode" "$base" "$SMALL" "$small" "$BIG" "$big" "$growth" "$LIMIT_KB" "$verdict"
done
for mode in --vm --tree-walker; do
    c1=$(peak "$mode" "$WORK/cycles.sema" 100000)
    c2=$(peak "$mode" "$WORK/cycles.sema" 1000000)
    per=$(( (c2 - c1) * 1024 / 900000 ))
    printf '%-14s self-capturing closures: 1e5 -> %d KiB, 1e6 -> %d KiB: about %d bytes leaked per closure\n' \
        "$mode" "$c1" "$c2" "$per"
done
exit $status
