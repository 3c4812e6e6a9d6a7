#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang++-16, ASan + UBSan) and runs each one
# on its seed corpus (tests/fuzz/corpus/<target>) for a few seconds. Any crash, sanitizer report,
# leak, timeout (an input running longer than 10 s) or out-of-memory fails the run; the input
# that caused it is kept under <build-dir>/fuzz-work/<target>/artifacts/.
#
#   scripts/fuzz-smoke.sh [--seconds N] [--no-build] [--build-dir DIR] [TARGET...]
#
# TARGET is a name without the fuzz_ prefix (resp_reply, redis_url, ...); all of them when none
# is given. --seconds is per target (default 10). Inputs the run discovers go to a scratch corpus
# in the build directory, never into the seed corpus.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

seconds=10
build=1
build_dir="$root/build/fuzz"
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    --no-build) build=0; shift ;;
    --build-dir) build_dir="$2"; shift 2 ;;
    --build-dir=*) build_dir="${1#*=}"; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz-smoke: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  for source in "$root"/tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

if [ "$build" -eq 1 ]; then
  start=$(date +%s)
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake --preset fuzz
  fi
  nice -n 10 cmake --build "$build_dir" --target rediscope_fuzz -j "${FUZZ_BUILD_JOBS:-2}"
  echo "fuzz-smoke: build took $(($(date +%s) - start)) s"
fi

# Sanitizer settings: stop at the first report, with a readable stack.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# The lint targets follow `include` relative to the working directory: give them an empty one.
work_root="$build_dir/fuzz-work"
passed=0
failed=0
failures=()
printf '%-22s %10s %8s %6s %8s  %s\n' target executions exec/s cov: corpus result
for target in "${targets[@]}"; do
  binary="$build_dir/tests/fuzz/fuzz_$target"
  seeds="$root/tests/fuzz/corpus/$target"
  if [ ! -x "$binary" ] || [ ! -d "$seeds" ]; then
    echo "fuzz-smoke: no target $target ($binary, $seeds)" >&2
    failed=$((failed + 1)); failures+=("$target"); continue
  fi
  work="$work_root/$target"
  rm -rf "$work/corpus" "$work/cwd"
  mkdir -p "$work/corpus" "$work/artifacts" "$work/cwd"
  log="$work/smoke.log"
  status=0
  (cd "$work/cwd" && "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds") \
      >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  if [ "$status" -eq 0 ]; then
    result=ok; passed=$((passed + 1))
  else
    result="FAILED (exit $status)"; failed=$((failed + 1)); failures+=("$target")
  fi
  printf '%-22s %10s %8s %6s %8s  %s\n' "$target" "${execs:--}" "${rate:--}" "${cov:--}" \
    "${corpus:--}" "$result"
  if [ "$status" -ne 0 ]; then
    echo "---- $log (last 40 lines) ----"
    tail -40 "$log"
    echo "----"
  fi
done
echo "fuzz: $passed passed, $failed failed"
if [ "$failed" -ne 0 ]; then
  echo "fuzz-smoke: failed: ${failures[*]} (inputs in $work_root/<target>/artifacts/)" >&2
  exit 1
fi
