#!/usr/bin/env bash
# Installs what is needed, builds, and runs the whole test suite through ctest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
ctest --preset release --output-on-failure "$@"
