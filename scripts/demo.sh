#!/usr/bin/env bash
# Installs what is needed, builds a release, starts the demo lab (redis-server scenarios with
# generated certificates on 127.0.0.1) and inspects every lab server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
lab=tests/lab/lab
rediscope=build/release/app/rediscope
$lab up
ca=$($lab list | awk -F'\t' '$1=="#ca"{print $2}')
cert=$($lab list | awk -F'\t' '$1=="#client-cert"{print $2}')
key=$($lab list | awk -F'\t' '$1=="#client-key"{print $2}')
# The lab's throwaway password, for the servers that ask for one.
export REDISCLI_AUTH=$($lab list | awk -F'\t' '$1=="#password"{print $2}')
while IFS=$'\t' read -r name url description; do
  case "$name" in "#"*) continue ;; esac
  echo
  echo "══════ $name — $description"
  args=(inspect "$url")
  case "$url" in rediss://*) args+=(--cacert "$ca") ;; esac
  if [ "$name" = mtls ]; then args+=(--cert "$cert" --key "$key"); fi
  echo "\$ rediscope ${args[*]}"
  "$rediscope" "${args[@]}" || true
done < <($lab list)
echo
echo "The lab keeps running: tests/lab/lab status | tests/lab/lab down"
echo "The desktop app: $rediscope (needs a display; without one: xvfb-run $rediscope)"
