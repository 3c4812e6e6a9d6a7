#!/usr/bin/env bash
# Installs the Debian 12 packages Rediscope needs to build, test and run. Uses sudo when not root.
#   --bench   also the peers and tools of the benchmarks (bench/run.sh)
set -euo pipefail
bench=0
for argument in "$@"; do
  case "$argument" in
    --bench) bench=1 ;;
    *) echo "install-deps.sh: unknown argument \"$argument\" (only --bench)" >&2; exit 2 ;;
  esac
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
packages=(
  # build
  cmake ninja-build g++ pkg-config
  qt6-base-dev libgl-dev libssl-dev libhiredis-dev qtkeychain-qt6-dev
  # the English plural forms (translations/): Qt6LinguistTools for CMake, and lrelease
  qt6-tools-dev qt6-l10n-tools
  # run: QtKeychain loads libsecret at run time (its package does not depend on it)
  libsecret-1-0
  # test and demo lab: real servers, independent oracles, a virtual display for the GUI
  redis-server redis-tools openssl sslscan xvfb xauth fonts-dejavu-core
  # keychain test: a private D-Bus session with a real Secret Service, and secret-tool to inspect it
  dbus gnome-keyring libsecret-tools
  # report tests: the audit JSON is validated against docs/audit-schema.json
  python3-jsonschema
  # client snippet tests: the redis-py snippet connects to a server made by dev-pki
  python3-redis
  # hostile-server tests: the harness in tests/hostile is Python 3, standard library only
  python3
  # fuzzing (tests/fuzz, the `fuzz` preset): libFuzzer comes with Clang's runtime libraries;
  # Clang 16 is the oldest that compiles the C++23 code against Debian 12's libstdc++
  clang-16 libclang-rt-16-dev
  # packaging: validate the .desktop file and the AppStream metainfo, build the .deb (shlibdeps)
  desktop-file-utils appstream dpkg-dev file
)
# benchmarks only: the timer, the peer scanners, and /usr/bin/time for peak RSS
if [ "$bench" = 1 ]; then packages+=(hyperfine sslscan testssl.sh time redis-tools openssl); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
