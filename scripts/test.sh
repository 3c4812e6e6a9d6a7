#!/usr/bin/env bash
# Installs what is needed, builds, and runs the whole test suite:
#   1. the release build and every test through ctest;
#   2. the same suite built and run under AddressSanitizer + UndefinedBehaviorSanitizer (`asan`);
#   3. a smoke run of every libFuzzer target on its seed corpus (scripts/fuzz-smoke.sh).
#
#   scripts/test.sh [--release-only] [CTEST ARGS...]
#
# --release-only stops after step 1 (the quick local loop). Extra arguments go to both ctest
# runs, e.g. `scripts/test.sh -R Probe`. Any failing step fails the script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

release_only=0
ctest_args=()
for argument in "$@"; do
  case "$argument" in
    --release-only) release_only=1 ;;
    *) ctest_args+=("$argument") ;;
  esac
done

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "system packages"
./scripts/install-deps.sh

step "release: build"
cmake --preset release
cmake --build --preset release
step "release: tests"
ctest --preset release --output-on-failure "${ctest_args[@]}"
[ "$release_only" = 1 ] && exit 0

step "asan (ASan + UBSan): build"
cmake --preset asan
cmake --build --preset asan
step "asan (ASan + UBSan): tests"
ctest --preset asan --output-on-failure "${ctest_args[@]}"

step "fuzz smoke"
./scripts/fuzz-smoke.sh --seconds "${FUZZ_SMOKE_SECONDS:-8}"
step "all passed"
