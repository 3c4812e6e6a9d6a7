#!/usr/bin/env bash
# Installs what is needed, builds a release and runs `rediscope demo`: it starts the demo lab
# (redis-server scenarios with generated certificates on 127.0.0.1, in a temporary directory),
# writes the demo profiles (three services × development, staging, production on good and bad
# lab scenarios) and opens the desktop app on them; the lab stops when the app closes (or on
# Ctrl-C). Without a display (DISPLAY and WAYLAND_DISPLAY unset) it prints the audit of the same
# profiles instead — run it in a desktop session, or under xvfb-run, for the app.
# Arguments go to `rediscope demo` (--headless, --keep, --format, --output; see --help).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec build/release/app/rediscope demo "$@"
