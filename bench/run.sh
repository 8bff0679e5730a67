#!/usr/bin/env bash
# Benchmark runner: times this repository's `sema` (bytecode VM, optionally
# the tree-walker) against Lua 5.4, LuaJIT with the JIT off and LuaJIT on the
# workloads in bench/programs/, checks every implementation's output, and
# prints a markdown table (also written to bench/results/latest.md).
#
# Usage: bench/run.sh [options]
#   --runs N           timed runs per (workload, system) pair (default 5);
#                      the median is reported
#   --rows N           rows of the 1brc input (default 1000000); the data is
#                      generated once into bench/data/. `--rows 10000000` is
#                      the large run (about 125 MB of input; see the peak RSS
#                      table)
#   --workloads A,B    comma list of workloads (default: all, in the order
#                      startup tak fib loop deriv nqueens hof strings hashmap 1brc)
#   --with-tree        also time `sema --tree-walker` (slow, off by default)
#   --no-build         do not run `cargo build --release` first
#   --no-install       do not try to apt-get install missing lua5.4 / luajit
#   --sema PATH        sema binary (default: target/release/sema; implies
#                      --no-build)
#   --timeout S        wall-clock limit per run in seconds (default 120)
#   --out FILE         markdown output (default bench/results/latest.md);
#                      every run's raw numbers go next to it as .tsv
#   -h, --help         show this help
#
# Every pair gets one untimed check run whose stdout must equal the expected
# output (bench/expected/W.txt; for 1brc the Python reference implementation's
# output on the same data, or Lua's when python3 is missing), then N timed
# runs. Each run goes through `timeout` and /usr/bin/time -f '%U %S %M' (peak
# RSS, and CPU time at 10 ms resolution, kept in the TSV); the CPU time in the
# table (user + sys) is bash's `time` over that run, at 1 ms resolution, less
# the harness's own overhead (measured on `true`, about 3 ms). Wall time comes
# from the clock. The table reports median CPU seconds, except for `startup`
# whose row is median wall seconds.
# Exit status: 0 when every pair ran and printed the expected output, 1 when
# some run failed, timed out or printed something else, 2 on a usage or setup
# error.

set -u
set -o pipefail
export LC_ALL=C.UTF-8

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"

ALL_WORKLOADS="startup tak fib loop deriv nqueens hof strings hashmap 1brc"
WORKLOADS="$ALL_WORKLOADS"
RUNS=5
ROWS=1000000
WITH_TREE=0
BUILD=1
INSTALL=1
SEMA=""
TIMEOUT=120
OUT="$BENCH_DIR/results/latest.md"

die() { echo "bench/run.sh: error: $*" >&2; exit 2; }
say() { echo "bench/run.sh: $*" >&2; }

need_arg() { [ $# -ge 2 ] && [ -n "$2" ] || die "option $1 needs a value (see --help)"; }
is_posint() { case "$1" in ''|*[!0-9]*) return 1 ;; *) [ "$1" -gt 0 ] ;; esac; }

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) need_arg "$@"; RUNS="$2"; shift 2 ;;
    --rows) need_arg "$@"; ROWS="$2"; shift 2 ;;
    --workloads) need_arg "$@"; WORKLOADS="${2//,/ }"; shift 2 ;;
    --with-tree) WITH_TREE=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --no-install) INSTALL=0; shift ;;
    --sema) need_arg "$@"; SEMA="$2"; BUILD=0; shift 2 ;;
    --timeout) need_arg "$@"; TIMEOUT="$2"; shift 2 ;;
    --out) need_arg "$@"; OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

is_posint "$RUNS" || die "--runs wants a positive integer, got '$RUNS'"
is_posint "$ROWS" || die "--rows wants a positive integer, got '$ROWS'"
is_posint "$TIMEOUT" || die "--timeout wants a positive number of seconds, got '$TIMEOUT'"
for w in $WORKLOADS; do
  case " $ALL_WORKLOADS " in
    *" $w "*) ;;
    *) die "unknown workload '$w' (known: $ALL_WORKLOADS)" ;;
  esac
done
[ -n "${WORKLOADS// /}" ] || die "--workloads selected nothing"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
case "$OUT" in *.md) ;; *) die "--out must name a .md file, got '$OUT'" ;; esac

# ------------------------------------------------------------------ tools ---
as_root() {  # run a command as root, directly or through sudo
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1; fi
}

APT_UPDATED=0
apt_install() {  # apt_install PACKAGE: best effort, quiet, returns status
  command -v apt-get >/dev/null 2>&1 || return 1
  say "installing $1 with apt-get ..."
  if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null 2>&1; then
    return 0
  fi
  if [ $APT_UPDATED = 0 ]; then
    APT_UPDATED=1
    as_root apt-get update -qq >/dev/null 2>&1 || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null 2>&1 && return 0
  fi
  return 1
}

if [ ! -x /usr/bin/time ]; then
  { [ $INSTALL = 1 ] && apt_install time; } || true
  [ -x /usr/bin/time ] || die "GNU time is required at /usr/bin/time (apt-get install time)"
fi
command -v timeout >/dev/null 2>&1 || die "coreutils 'timeout' is required"

LUA="$(command -v lua5.4 || true)"
LUAJIT="$(command -v luajit || true)"
if [ -z "$LUA" ] && [ $INSTALL = 1 ]; then apt_install lua5.4 || true; LUA="$(command -v lua5.4 || true)"; fi
if [ -z "$LUAJIT" ] && [ $INSTALL = 1 ]; then apt_install luajit || true; LUAJIT="$(command -v luajit || true)"; fi
[ -n "$LUA" ] || say "lua5.4 is not available: its column will say 'not installed'"
[ -n "$LUAJIT" ] || say "luajit is not available: its columns will say 'not installed'"
PYTHON="$(command -v python3 || true)"

# ------------------------------------------------------------------- sema ---
if [ $BUILD = 1 ]; then
  command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust, or pass --sema PATH / --no-build)"
  say "building: cargo build --release (in $ROOT)"
  (cd "$ROOT" && cargo build --release) || die "cargo build --release failed"
fi
if [ -z "$SEMA" ]; then SEMA="${CARGO_TARGET_DIR:-$ROOT/target}/release/sema"; fi
case "$SEMA" in */*) ;; *) SEMA="$(command -v "$SEMA" || echo "$SEMA")" ;; esac
[ -x "$SEMA" ] || die "no sema binary at $SEMA (run without --no-build, or pass --sema PATH)"
SEMA="$(cd "$(dirname "$SEMA")" && pwd)/$(basename "$SEMA")"

SYSTEMS="sema"
[ $WITH_TREE = 1 ] && SYSTEMS="$SYSTEMS sema-tree"
SYSTEMS="$SYSTEMS lua5.4 luajit-joff luajit"

available() {
  case "$1" in
    sema|sema-tree) return 0 ;;
    lua5.4) [ -n "$LUA" ] ;;
    luajit|luajit-joff) [ -n "$LUAJIT" ] ;;
  esac
}

version_of() {
  case "$1" in
    sema) echo "$("$SEMA" --version 2>&1 | head -n 1) (bytecode VM, the default), ${SEMA#"$ROOT"/}" ;;
    sema-tree) echo "$("$SEMA" --version 2>&1 | head -n 1) --tree-walker" ;;
    lua5.4) "$LUA" -v 2>&1 | head -n 1 | cut -d' ' -f1-2 ;;
    luajit) "$LUAJIT" -v 2>&1 | head -n 1 | cut -d' ' -f1-2 ;;
    luajit-joff) echo "$("$LUAJIT" -v 2>&1 | head -n 1 | cut -d' ' -f1-2) -joff (interpreter only)" ;;
  esac
}

# cmd_for SYSTEM WORKLOAD DATAFILE: the command line, one word per line
cmd_for() {
  local sys="$1" w="$2" data="$3"
  case "$sys" in
    sema) printf '%s\n' "$SEMA" "programs/sema/$w.sema" ;;
    sema-tree) printf '%s\n' "$SEMA" --tree-walker "programs/sema/$w.sema" ;;
    lua5.4) printf '%s\n' "$LUA" "programs/lua/$w.lua" ;;
    luajit-joff) printf '%s\n' "$LUAJIT" -joff "programs/lua/$w.lua" ;;
    luajit) printf '%s\n' "$LUAJIT" "programs/lua/$w.lua" ;;
  esac
  if [ -n "$data" ]; then
    case "$sys" in
      sema|sema-tree) printf '%s\n' -- "$data" ;;  # script args follow `--`
      *) printf '%s\n' "$data" ;;
    esac
  fi
}

cd "$BENCH_DIR" || die "cannot enter $BENCH_DIR"
mkdir -p data "$(dirname "$OUT")" || die "cannot create bench/data or $(dirname "$OUT")"

# ------------------------------------------------------------------- data ---
DATA_1BRC="data/1brc-$ROWS.txt"
EXPECT_1BRC="data/1brc-$ROWS.expected"
EXPECT_1BRC_BY=""
SKIP_1BRC=""
case " $WORKLOADS " in
  *" 1brc "*)
    if [ ! -s "$DATA_1BRC" ]; then
      if [ -z "$PYTHON" ]; then
        SKIP_1BRC="python3 is needed to generate the input (gen-1brc.py)"
      else
        say "generating $DATA_1BRC ($ROWS rows) ..."
        if "$PYTHON" gen-1brc.py "$ROWS" "$DATA_1BRC.tmp"; then mv "$DATA_1BRC.tmp" "$DATA_1BRC"
        else rm -f "$DATA_1BRC.tmp"; die "gen-1brc.py failed"; fi
      fi
    fi
    if [ -z "$SKIP_1BRC" ]; then
      if [ -s "$EXPECT_1BRC" ] && [ -s "$EXPECT_1BRC.by" ]; then
        EXPECT_1BRC_BY="$(cat "$EXPECT_1BRC.by")"
      else
        if [ -n "$PYTHON" ]; then gen=("$PYTHON" programs/python/1brc.py); EXPECT_1BRC_BY="python3 programs/python/1brc.py"
        elif [ -n "$LUA" ]; then gen=("$LUA" programs/lua/1brc.lua); EXPECT_1BRC_BY="lua5.4 programs/lua/1brc.lua"
        elif [ -n "$LUAJIT" ]; then gen=("$LUAJIT" programs/lua/1brc.lua); EXPECT_1BRC_BY="luajit programs/lua/1brc.lua"
        else gen=(); fi
        if [ ${#gen[@]} -eq 0 ]; then
          SKIP_1BRC="neither python3 nor Lua is available to compute the expected output"
        else
          say "computing the expected 1brc output with $EXPECT_1BRC_BY ..."
          if "${gen[@]}" "$DATA_1BRC" > "$EXPECT_1BRC.tmp" && [ -s "$EXPECT_1BRC.tmp" ]; then
            mv "$EXPECT_1BRC.tmp" "$EXPECT_1BRC"; echo "$EXPECT_1BRC_BY" > "$EXPECT_1BRC.by"
          else
            rm -f "$EXPECT_1BRC.tmp"; die "computing the expected 1brc output failed"
          fi
        fi
      fi
    fi
    [ -n "$SKIP_1BRC" ] && say "skipping 1brc: $SKIP_1BRC" ;;
esac

# ---------------------------------------------------------------- running ---
TMP="$(mktemp -d "${TMPDIR:-/tmp}/sema-bench.XXXXXX")" || die "mktemp failed"
trap 'rm -rf "$TMP"' EXIT
trap 'echo; say "interrupted"; exit 130' INT TERM
STAMP="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
RAW="${OUT%.md}.tsv"
printf 'workload\tsystem\trun\tstatus\twall_s\tcpu_s\ttime_cpu_s\trss_kb\n' > "$RAW" || die "cannot write $RAW"

# run_once OUTFILE CMD...: sets R_STATUS (ok|timeout|error) R_WALL R_CPU
# R_RSS R_TCPU. R_CPU is the CPU time (user + sys, ms resolution) of the whole
# process tree as bash's `time` sees it, less the harness overhead CPU_BASE;
# R_TCPU is /usr/bin/time's own %U + %S (10 ms resolution, kept in the TSV).
TIMEFORMAT='%3U %3S'
CPU_BASE=0
run_once() {
  local out="$1"; shift
  local t0 t1 rc line
  : > "$TMP/time"
  t0=$(date +%s%N)
  { time timeout -k 5 "$TIMEOUT" /usr/bin/time -f '%U %S %M' -o "$TMP/time" "$@" > "$out" 2> "$TMP/stderr"; } 2> "$TMP/btime"
  rc=$?
  R_RC=$rc
  t1=$(date +%s%N)
  R_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  R_CPU=$(tail -n 1 "$TMP/btime" | awk -v base="$CPU_BASE" 'NF == 2 { c = $1 + $2 - base; if (c < 0) c = 0; printf "%.3f", c }')
  # /usr/bin/time writes "Command exited with non-zero status N" first on failure
  line="$(tail -n 1 "$TMP/time" 2>/dev/null)"
  R_TCPU=$(echo "$line" | awk 'NF == 3 { printf "%.2f", $1 + $2 }')
  R_RSS=$(echo "$line" | awk 'NF == 3 { print $3 }')
  [ -n "$R_CPU" ] || R_CPU=0
  [ -n "$R_TCPU" ] || R_TCPU=0
  [ -n "$R_RSS" ] || R_RSS=0
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then R_STATUS=timeout
  elif [ $rc -ne 0 ]; then R_STATUS=error
  else R_STATUS=ok; fi
}

median() {
  sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) print "";
    else if (NR % 2) print a[(NR + 1) / 2];
    else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# The harness's own CPU cost (timeout + /usr/bin/time, about 3 ms), measured
# on `true` and subtracted from every CPU time.
: > "$TMP/base"
for i in 1 2 3 4 5 6 7; do run_once "$TMP/out" true; echo "$R_CPU" >> "$TMP/base"; done
CPU_BASE="$(median < "$TMP/base")"
say "harness overhead: $CPU_BASE s CPU per run (subtracted)"

declare -A MED_CPU MED_WALL MED_RSS CELLNOTE
NOTES=()
FAILED=0
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
T_START=$(date +%s)

for w in $WORKLOADS; do
  data=""; expect="expected/$w.txt"
  if [ "$w" = 1brc ]; then
    if [ -n "$SKIP_1BRC" ]; then
      for s in $SYSTEMS; do CELLNOTE[$w,$s]="skipped"; done
      NOTES+=("1brc skipped: $SKIP_1BRC")
      continue
    fi
    data="$DATA_1BRC"; expect="$EXPECT_1BRC"
  fi
  [ -s "$expect" ] || die "missing expected output $BENCH_DIR/$expect"
  for s in $SYSTEMS; do
    if ! available "$s"; then CELLNOTE[$w,$s]="not installed"; continue; fi
    mapfile -t cmd < <(cmd_for "$s" "$w" "$data")
    say "$w / $s: ${cmd[*]}"
    run_once "$TMP/out" "${cmd[@]}"                     # untimed check run
    printf '%s\t%s\tcheck\t%s\t%s\t%s\t%s\t%s\n' "$w" "$s" "$R_STATUS" "$R_WALL" "$R_CPU" "$R_TCPU" "$R_RSS" >> "$RAW"
    if [ "$R_STATUS" != ok ]; then
      FAILED=1
      if [ "$R_STATUS" = timeout ]; then CELLNOTE[$w,$s]="timeout"; NOTES+=("$w / $s: timed out after ${TIMEOUT}s")
      else
        CELLNOTE[$w,$s]="error"
        NOTES+=("$w / $s: failed (exit status $R_RC): $(head -c 300 "$TMP/stderr" | tr '\n|' ' /')")
      fi
      say "   $R_STATUS (exit status $R_RC): $(head -c 300 "$TMP/stderr")"
      continue
    fi
    mark=""
    if ! cmp -s "$TMP/out" "$expect"; then
      FAILED=1; mark="!"
      NOTES+=("$w / $s: WRONG output: $(head -c 100 "$TMP/out" | tr '\n|' ' /')(expected $(head -c 100 "$expect" | tr '\n|' ' /'))")
      say "   WRONG output: $(head -c 200 "$TMP/out")"
    fi
    : > "$TMP/wall"; : > "$TMP/cpu"; : > "$TMP/rss"
    for i in $(seq 1 "$RUNS"); do
      run_once "$TMP/out2" "${cmd[@]}"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$s" "$i" "$R_STATUS" "$R_WALL" "$R_CPU" "$R_TCPU" "$R_RSS" >> "$RAW"
      if [ "$R_STATUS" != ok ]; then
        FAILED=1; NOTES+=("$w / $s: timed run $i: $R_STATUS (median over the runs before it)")
        break
      fi
      echo "$R_WALL" >> "$TMP/wall"; echo "$R_CPU" >> "$TMP/cpu"; echo "$R_RSS" >> "$TMP/rss"
    done
    if [ -s "$TMP/cpu" ]; then
      MED_CPU[$w,$s]="$(median < "$TMP/cpu")"
      MED_WALL[$w,$s]="$(median < "$TMP/wall")"
      MED_RSS[$w,$s]="$(median < "$TMP/rss")"
      [ -n "$mark" ] && CELLNOTE[$w,$s]="$mark"
      say "   median cpu ${MED_CPU[$w,$s]} s, wall ${MED_WALL[$w,$s]} s, rss $(awk -v k="${MED_RSS[$w,$s]}" 'BEGIN { printf "%.1f", k / 1024 }') MiB$mark"
    else
      CELLNOTE[$w,$s]="${R_STATUS}"
    fi
  done
done
T_END=$(date +%s)
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

# ---------------------------------------------------------------- report ---
label_of() { if [ "$1" = 1brc ]; then echo "1brc ($ROWS rows)"; elif [ "$1" = startup ]; then echo "startup (wall)"; else echo "$1"; fi; }

# value W S: the reported number of a pair ("" if none): wall for startup
value() {
  if [ "$1" = startup ]; then echo "${MED_WALL[$1,$2]:-}"; else echo "${MED_CPU[$1,$2]:-}"; fi
}

cell() {  # the table cell of a pair
  local v; v="$(value "$1" "$2")"
  local n="${CELLNOTE[$1,$2]:-}"
  if [ -z "$v" ]; then echo "${n:-–}"
  elif [ "$1" = startup ]; then printf '%.3f%s' "$v" "$n"
  else printf '%.3f%s' "$v" "$n"; fi
}

ratio() {  # ratio W S1 S2: value(S1)/value(S2) with 2 decimals, "–" if undefined
  local a b; a="$(value "$1" "$2")"; b="$(value "$1" "$3")"
  if [ -z "$a" ] || [ -z "$b" ]; then echo "–"; return; fi
  awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'
}

geomean() {  # geomean S1 S2 over the workloads except startup: "G (K workloads)"
  local w r list=""
  for w in $WORKLOADS; do
    [ "$w" = startup ] && continue
    # a pair that printed the wrong output does not count
    [ "${CELLNOTE[$w,$1]:-}" = "!" ] || [ "${CELLNOTE[$w,$2]:-}" = "!" ] && continue
    r="$(ratio "$w" "$1" "$2")"
    [ "$r" = "–" ] || list="$list $r"
  done
  echo "$list" | awk '{ s = 0; n = 0; for (i = 1; i <= NF; i++) if ($i > 0) { s += log($i); n++ }
                        if (n == 0) print "–"; else printf "%.2f (%d workload%s)", exp(s / n), n, (n == 1 ? "" : "s") }'
}

{
  echo "# Sema benchmarks"
  echo
  echo "Generated by \`bench/run.sh\` at $STAMP (commit \`$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)\`$(git -C "$ROOT" diff --quiet HEAD -- crates 2>/dev/null || echo ', with uncommitted changes'))."
  echo "Median of $RUNS timed runs per pair after one untimed check run. Numbers are"
  echo "CPU seconds (user + sys), except \`startup\`: wall seconds. Ratios > 1 mean sema is"
  echo "slower. \`!\` marks output that differs from the expected output (see Notes)."
  echo
  printf '| workload |'; for s in $SYSTEMS; do printf ' %s |' "$s"; done
  printf ' sema/lua5.4 | sema/luajit-joff | sema peak RSS (MiB) |\n'
  printf '|---|'; for s in $SYSTEMS; do printf -- '---:|'; done; printf -- '---:|---:|---:|\n'
  for w in $WORKLOADS; do
    printf '| %s |' "$(label_of "$w")"
    for s in $SYSTEMS; do printf ' %s |' "$(cell "$w" "$s")"; done
    rss="${MED_RSS[$w,sema]:-}"
    printf ' %s | %s | %s |\n' "$(ratio "$w" sema lua5.4)" "$(ratio "$w" sema luajit-joff)" \
      "$( [ -n "$rss" ] && awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }' || echo –)"
  done
  printf '| **geometric mean** (excl. startup) |'; for s in $SYSTEMS; do printf ' |'; done
  printf ' **%s** | %s | |\n' "$(geomean sema lua5.4)" "$(geomean sema luajit-joff)"
  echo
  echo "## Peak RSS in MiB (median)"
  echo
  printf '| workload |'; for s in $SYSTEMS; do printf ' %s |' "$s"; done; echo
  printf '|---|'; for s in $SYSTEMS; do printf -- '---:|'; done; echo
  for w in $WORKLOADS; do
    printf '| %s |' "$(label_of "$w")"
    for s in $SYSTEMS; do
      m="${MED_RSS[$w,$s]:-}"
      if [ -n "$m" ]; then printf ' %s |' "$(awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }')"
      else printf ' %s |' "${CELLNOTE[$w,$s]:-–}"; fi
    done
    echo
  done
  echo
  echo "## Setup"
  echo
  for s in $SYSTEMS; do
    if available "$s"; then echo "- \`$s\`: $(version_of "$s")"; else echo "- \`$s\`: not installed"; fi
  done
  case " $WORKLOADS " in
    *" 1brc "*) [ -z "$SKIP_1BRC" ] && echo "- 1brc input: \`bench/$DATA_1BRC\` ($ROWS rows, gen-1brc.py seed 1234567); expected output from \`$EXPECT_1BRC_BY\`" ;;
  esac
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), $(nproc 2>/dev/null) cores visible"
  echo "- Load average (1/5/15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER; total run $((T_END - T_START)) s"
  echo
  echo "## Notes"
  echo
  if [ ${#NOTES[@]} -eq 0 ]; then echo "- every run printed the expected output"
  else for n in "${NOTES[@]}"; do echo "- $n"; done; fi
} > "$OUT.tmp" || die "cannot write $OUT"
mv "$OUT.tmp" "$OUT"

cat "$OUT"
say "wrote $OUT and $RAW"
exit $FAILED
