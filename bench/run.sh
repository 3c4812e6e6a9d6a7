#!/usr/bin/env bash
# bench/run.sh [--rounds N] [--quick] [--build] [audit|slow|inspect|fleet|gui ...]
#
# Runs Rediscope and its peers side by side on a lab of its own (real redis-server scenarios on
# 127.0.0.1, started here and stopped on exit; a lab already running is left alone), prints the
# median, spread (min–max) and ratio of each benchmark, and writes bench/results/latest.md.
#
#   audit    full audit of one endpoint (legacy, good): Rediscope vs sslscan vs testssl.sh,
#            with the probe's protocols and suites compared to sslscan's
#   slow     the same audit through bench/delay_proxy.py at 40 ms RTT: Rediscope vs sslscan
#   inspect  one connection: rediscope inspect vs redis-cli PING vs openssl s_client
#   fleet    rediscope audit of 100 profiles: total time and peak RSS
#   gui      cold start to the first painted window, idle RSS, longest GUI-thread stall
#            during Audit All of 20 profiles (Qt's offscreen platform)
#
# --rounds N   timed runs per tool (default 5; testssl.sh always runs once)
# --quick      3 rounds, no testssl.sh, fewer slow-link runs of sslscan
# --build      rebuild the release binaries even when they exist
# Needs: hyperfine, sslscan, redis-cli, openssl, python3, /usr/bin/time, and testssl for the full
# audit benchmark (scripts/install-deps.sh --bench installs them).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
build="${REDISCOPE_BUILD_DIR:-$root/build/release}"
tool=(python3 "$bench/bench_tool.py")

rounds=5
rounds_given=0
quick=0
rebuild=0
which=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds)
      [ $# -ge 2 ] || { echo "run.sh: --rounds needs a number" >&2; exit 2; }
      rounds=$2; rounds_given=1; shift 2 ;;
    --rounds=*) rounds=${1#--rounds=}; rounds_given=1; shift ;;
    --quick) quick=1; shift ;;
    --build) rebuild=1; shift ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    audit|slow|inspect|fleet|gui) which+=("$1"); shift ;;
    *) echo "run.sh: unknown argument \"$1\" (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: --rounds needs a positive whole number, not \"$rounds\"" >&2
  exit 2
fi
if [ "$quick" = 1 ] && [ "$rounds_given" = 0 ]; then rounds=3; fi
[ ${#which[@]} -gt 0 ] || which=(audit slow inspect fleet gui)
wants() { local w; for w in "${which[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1; }

# --- tools ---------------------------------------------------------------------------------------
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "run.sh: $1 is missing ($2). Install the benchmark tools: scripts/install-deps.sh --bench" >&2
    exit 2
  fi
}
need python3 "runs the delay proxy and the bookkeeping"
need hyperfine "times the runs"
wants audit || wants slow && need sslscan "the peer scanner"
wants inspect && need redis-cli "the one-connection peer" && need openssl "the one-connection peer"
if wants audit && [ "$quick" = 0 ]; then need testssl "the second peer scanner (package testssl.sh)"; fi
if wants fleet && [ ! -x /usr/bin/time ]; then
  echo "run.sh: /usr/bin/time is missing (peak RSS of the fleet audit). Install it: scripts/install-deps.sh --bench" >&2
  exit 2
fi

# --- binaries ------------------------------------------------------------------------------------
build_targets() {
  if [ ! -f "$build/build.ninja" ]; then
    echo "Configuring $build (release)..."
    (cd "$root" && cmake --preset release >/dev/null)
  fi
  echo "Building $* in $build..."
  flock /tmp/rediscope-build.lock ninja -C "$build" -j2 "$@"
}
targets=()
rediscope="$build/app/rediscope"
lab_binary="$build/tests/lab/rediscope-lab"
gui_bench="$build/bench/rediscope-gui-bench"
if [ "$rebuild" = 1 ] || [ ! -x "$rediscope" ]; then targets+=(rediscope); fi
if [ "$rebuild" = 1 ] || [ ! -x "$lab_binary" ]; then targets+=(rediscope-lab); fi
if wants gui && { [ "$rebuild" = 1 ] || [ ! -x "$gui_bench" ]; }; then targets+=(rediscope-gui-bench); fi
[ ${#targets[@]} -eq 0 ] || build_targets "${targets[@]}"

# --- an isolated lab and cleanup -----------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/rediscope-bench.XXXXXX")
proxies=()
cleanup() {
  local pid
  for pid in "${proxies[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -f "$work/lab/manifest.json" ]; then
    "$lab_binary" down --dir "$work/lab" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Starting an isolated lab in $work/lab..."
"$lab_binary" up --dir "$work/lab" >"$work/lab-up.txt" 2>&1 || {
  cat "$work/lab-up.txt" >&2
  echo "run.sh: the lab did not start" >&2
  exit 1
}
eval "$("${tool[@]}" lab-env "$work/lab/manifest.json")"
export REDISCLI_AUTH="$PASSWORD" REDISCOPE_LAB_PASSWORD="$PASSWORD"

rows="$work/rows.jsonl"
meta="$work/meta.txt"
: >"$rows"

# --- helpers -------------------------------------------------------------------------------------
# time_runs NAME RUNS WARMUP PID COMMAND... : hyperfine runs of COMMAND (no shell); sets MED, MIN,
# MAX (s) and SRV_MS, redis-server PID's CPU time per run (ms).
time_runs() {
  local name=$1 runs=$2 warmup=$3 pid=$4; shift 4
  local command before after ignore=()
  command=$(printf '%q ' "$@")
  case "$name" in testssl*) ignore=(--ignore-failure) ;; esac # non-zero when it finds problems
  before=$("${tool[@]}" cpu "$pid")
  hyperfine -N --style basic --runs "$runs" --warmup "$warmup" "${ignore[@]}" \
    --export-json "$work/$name.json" --command-name "$name" -- "$command" >"$work/$name.log" 2>&1 || {
    cat "$work/$name.log" >&2
    echo "run.sh: $name failed: $command" >&2
    exit 1
  }
  after=$("${tool[@]}" cpu "$pid")
  read -r MED MIN MAX < <("${tool[@]}" summary "$work/$name.json")
  SRV_MS=$(awk "BEGIN{printf \"%.1f\", ($after - $before) / ($runs + $warmup)}")
  printf '  %-28s median %8.3f s  (%.3f–%.3f, %d runs)  server CPU %s ms/run\n' \
    "$name" "$MED" "$MIN" "$MAX" "$runs" "$SRV_MS"
}
secs() { # a time for the table: "0.212 s (0.205–0.230)"
  if [ "$4" = 1 ]; then printf '%.3g s (1 run)' "$1"; else printf '%.3f s (%.3f–%.3f)' "$1" "$2" "$3"; fi
}
ms() { printf '%.1f ms (%.1f–%.1f)' "$(awk "BEGIN{print $1*1000}")" "$(awk "BEGIN{print $2*1000}")" "$(awk "BEGIN{print $3*1000}")"; }
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
le() { awk "BEGIN{exit !($1 <= $2)}"; }
yes_no() { if "$@"; then echo yes; else echo "**no**"; fi; }

start_proxy() { # start_proxy TARGET_PORT : sets PROXY_PORT
  local out="$work/proxy-$1.port" i
  python3 "$bench/delay_proxy.py" --target "127.0.0.1:$1" --delay-ms 20 >"$out" &
  proxies+=("$!")
  for i in $(seq 50); do
    PROXY_PORT=$(head -n1 "$out" 2>/dev/null || true)
    [ -n "$PROXY_PORT" ] && return 0
    sleep 0.1
  done
  echo "run.sh: the delay proxy did not start" >&2
  exit 1
}

# --- the machine ---------------------------------------------------------------------------------
cpu_model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPU(s), ${cpu_model:-unknown CPU}; loopback (127.0.0.1)"
  echo "$("$rediscope" --version 2>/dev/null | head -n1) (release build of $(date -u -r "$rediscope" '+%Y-%m-%d %H:%M UTC')); sslscan $(sslscan --version 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk 'NF{print $1; exit}'); $(hyperfine --version); $(redis-server --version | grep -o 'v=[0-9.]*' | sed 's/v=/redis-server /'); $(openssl version | cut -d' ' -f1-2)"
  echo "Rounds: $rounds per tool (median, min–max); load average at the start: $load_start"
} >"$meta"
cat "$meta"
if awk "BEGIN{exit !($(cut -d' ' -f1 /proc/loadavg) >= 1.5)}"; then
  echo "warning: the load average is $(cut -d' ' -f1 /proc/loadavg) (≥ 1.5): the figures will be noisy" >&2
fi

# --- 1. full audit of one endpoint ---------------------------------------------------------------
audit_url() { echo "rediss://127.0.0.1:$1"; }
if wants audit; then
  for scenario in legacy good; do
    port_var="PORT_$scenario" pid_var="PID_$scenario"
    port=${!port_var} pid=${!pid_var}
    echo "Full audit, $scenario scenario (port $port):"
    "$rediscope" audit "$(audit_url "$port")" --cacert "$CA" --format json --fail-on never >"$work/audit-$scenario.json"
    sslscan --no-colour --xml=- "127.0.0.1:$port" >"$work/sslscan-$scenario.xml" 2>/dev/null
    equality=$("${tool[@]}" compare "$work/audit-$scenario.json" "$work/sslscan-$scenario.xml")
    echo "  probe vs sslscan: $equality"

    time_runs "rediscope-audit-$scenario" "$rounds" 1 "$pid" \
      "$rediscope" audit "$(audit_url "$port")" --cacert "$CA" --format json --fail-on never
    rd=("$MED" "$MIN" "$MAX") rd_srv=$SRV_MS
    time_runs "sslscan-$scenario" "$rounds" 1 "$pid" sslscan --no-colour "127.0.0.1:$port"
    ss=("$MED" "$MIN" "$MAX") ss_srv=$SRV_MS
    peers="sslscan $(secs "${ss[@]}" "$rounds")"
    cpu_note="server CPU per run: Rediscope $rd_srv ms, sslscan $ss_srv ms"
    if [ "$quick" = 0 ]; then
      echo "  testssl.sh takes minutes (one run)..."
      time_runs "testssl-$scenario" 1 0 "$pid" testssl --quiet --color 0 --warnings batch "127.0.0.1:$port"
      peers+="; testssl.sh $(secs "$MED" "$MIN" "$MAX" 1)"
      cpu_note+=", testssl.sh $SRV_MS ms"
    fi
    r=$(ratio "${rd[0]}" "${ss[0]}")
    met=$(yes_no le "$r" 0.25)
    case "$equality" in MATCH*) ;; *) met="**no** (probe differs)" ;; esac
    "${tool[@]}" row "$rows" "benchmark=Full audit, $scenario" "rediscope=$(secs "${rd[@]}" "$rounds")" \
      "peers=$peers" "ratio=${r}× sslscan" "target=≤ 0.25× sslscan, same results" "met=$met" \
      "note=Full audit, $scenario: probe vs sslscan: $equality; $cpu_note."
  done
fi

# --- 2. the same audit over a 40 ms RTT link -----------------------------------------------------
if wants slow; then
  peer_runs=$rounds
  if [ "$quick" = 1 ]; then peer_runs=1; elif [ "$rounds" -gt 3 ]; then peer_runs=3; fi
  for scenario in legacy good; do
    port_var="PORT_$scenario" pid_var="PID_$scenario"
    port=${!port_var} pid=${!pid_var}
    start_proxy "$port"
    echo "Full audit over 40 ms RTT, $scenario scenario (proxy port $PROXY_PORT → $port):"
    "$rediscope" audit "$(audit_url "$PROXY_PORT")" --cacert "$CA" --format json --fail-on never >"$work/slow-$scenario.json"
    sslscan --no-colour --xml=- "127.0.0.1:$port" >"$work/slow-sslscan-$scenario.xml" 2>/dev/null
    equality=$("${tool[@]}" compare "$work/slow-$scenario.json" "$work/slow-sslscan-$scenario.xml")
    echo "  probe over the link vs sslscan on loopback: $equality"
    time_runs "rediscope-slow-$scenario" "$rounds" 1 "$pid" \
      "$rediscope" audit "$(audit_url "$PROXY_PORT")" --cacert "$CA" --format json --fail-on never
    rd=("$MED" "$MIN" "$MAX")
    time_runs "sslscan-slow-$scenario" "$peer_runs" 0 "$pid" sslscan --no-colour "127.0.0.1:$PROXY_PORT"
    ss=("$MED" "$MIN" "$MAX")
    met=$(yes_no le "${rd[0]}" 1.5)
    case "$equality" in MATCH*) ;; *) met="**no** (probe differs)" ;; esac
    "${tool[@]}" row "$rows" "benchmark=Full audit at 40 ms RTT, $scenario" \
      "rediscope=$(secs "${rd[@]}" "$rounds")" "peers=sslscan $(secs "${ss[@]}" "$peer_runs")" \
      "ratio=$(ratio "${rd[0]}" "${ss[0]}")× sslscan" "target=≤ 1.5 s" "met=$met" \
      "note=Full audit at 40 ms RTT, $scenario: bench/delay_proxy.py adds 20 ms each way and one RTT per TCP connect; probe over the link vs sslscan on loopback: $equality."
  done
fi

# --- 3. one connection ---------------------------------------------------------------------------
if wants inspect; then
  port=$PORT_good pid=$PID_good
  runs=$(( rounds * 4 > 20 ? rounds * 4 : 20 ))
  echo "One connection, good scenario (port $port):"
  "$rediscope" inspect "$(audit_url "$port")" --cacert "$CA" >"$work/inspect.txt" || {
    cat "$work/inspect.txt" >&2; echo "run.sh: rediscope inspect failed" >&2; exit 1; }
  [ "$(redis-cli --tls --cacert "$CA" -h 127.0.0.1 -p "$port" PING 2>&1)" = PONG ] || {
    echo "run.sh: redis-cli PING did not answer PONG" >&2; exit 1; }
  time_runs rediscope-inspect "$runs" 3 "$pid" "$rediscope" inspect "$(audit_url "$port")" --cacert "$CA"
  rd=("$MED" "$MIN" "$MAX") rd_srv=$SRV_MS
  time_runs redis-cli "$runs" 3 "$pid" redis-cli --tls --cacert "$CA" -h 127.0.0.1 -p "$port" PING
  rc=("$MED" "$MIN" "$MAX")
  time_runs openssl-s_client "$runs" 3 "$pid" openssl s_client -connect "127.0.0.1:$port" -CAfile "$CA" -brief
  os=("$MED" "$MIN" "$MAX")
  r=$(ratio "${rd[0]}" "${rc[0]}")
  "${tool[@]}" row "$rows" "benchmark=One connection (TLS 1.3 + AUTH + PING)" \
    "rediscope=$(ms "${rd[@]}")" "peers=redis-cli $(ms "${rc[@]}"); openssl s_client $(ms "${os[@]}")" \
    "ratio=${r}× redis-cli" "target=≤ 1.2× redis-cli" "met=$(yes_no le "$r" 1.2)" \
    "note=One connection: whole processes, $runs runs each; rediscope inspect also sends INFO and checks the chain and host name; redis-cli sends AUTH and PING; openssl s_client only handshakes."
fi

# --- 4. fleet ------------------------------------------------------------------------------------
if wants fleet; then
  "${tool[@]}" profiles "$work/lab/manifest.json" 100 "$work/fleet.json"
  echo "Fleet: 100 profiles over $(grep -c '^PORT_' < <("${tool[@]}" lab-env "$work/lab/manifest.json")) lab servers:"
  "$rediscope" audit --profiles "$work/fleet.json" --format json --fail-on never >"$work/fleet-report.json"
  fleet_note=$("${tool[@]}" fleet-check "$work/fleet-report.json")
  echo "  $fleet_note"
  : >"$work/fleet-rss.txt"
  time_runs rediscope-fleet "$rounds" 1 "$PID_good" /usr/bin/time -f %M -a -o "$work/fleet-rss.txt" \
    "$rediscope" audit --profiles "$work/fleet.json" --format json --fail-on never
  rd=("$MED" "$MIN" "$MAX")
  read -r rss_med rss_min rss_max < <("${tool[@]}" samples "$work/fleet-rss.txt")
  rss=$(awk "BEGIN{printf \"%.0f MB (%.0f–%.0f)\", $rss_med/1024, $rss_min/1024, $rss_max/1024}")
  echo "  peak RSS $rss"
  "${tool[@]}" row "$rows" "benchmark=Fleet: audit of 100 profiles" "rediscope=$(secs "${rd[@]}" "$rounds")" \
    "peers=—" "ratio=—" "target=≤ 5 s" "met=$(yes_no le "${rd[0]}" 5)" \
    "note=Fleet: $fleet_note."
  "${tool[@]}" row "$rows" "benchmark=Fleet: peak RSS" "rediscope=$rss" "peers=—" "ratio=—" \
    "target=≤ 150 MB" "met=$(yes_no le "$(awk "BEGIN{print $rss_med/1024}")" 150)"
fi

# --- 5. GUI --------------------------------------------------------------------------------------
if wants gui; then
  "${tool[@]}" profiles "$work/lab/manifest.json" 20 "$work/gui-profiles.json"
  mkdir -p "$work/xdg/config" "$work/xdg/data" "$work/xdg/cache" "$work/xdg/runtime"
  chmod 700 "$work/xdg/runtime"
  echo "GUI (Qt offscreen platform), 20 profiles, $rounds rounds:"
  QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
    XDG_CACHE_HOME="$work/xdg/cache" XDG_RUNTIME_DIR="$work/xdg/runtime" \
    "$gui_bench" --profiles "$work/gui-profiles.json" --rounds "$rounds" >"$work/gui.jsonl" 2>"$work/gui.log" || {
    cat "$work/gui.log" >&2; echo "run.sh: the GUI benchmark failed" >&2; exit 1; }
  eval "$("${tool[@]}" gui "$work/gui.jsonl")"
  printf '  start %s ms (%s–%s), idle RSS %s MB (%s–%s), longest stall %s ms (%s–%s; p99 %s), Audit All %s ms\n' \
    "$START_MS_MED" "$START_MS_MIN" "$START_MS_MAX" "$IDLE_RSS_MB_MED" "$IDLE_RSS_MB_MIN" \
    "$IDLE_RSS_MB_MAX" "$MAX_STALL_MS_MED" "$MAX_STALL_MS_MIN" "$MAX_STALL_MS_MAX" \
    "$P99_STALL_MS_MED" "$AUDIT_MS_MED"
  "${tool[@]}" row "$rows" "benchmark=GUI cold start to first paint ($GUI_PLATFORM)" \
    "rediscope=$START_MS_MED ms ($START_MS_MIN–$START_MS_MAX)" "peers=—" "ratio=—" \
    "target=≤ 400 ms" "met=$(yes_no le "$START_MS_MED" 400)"
  "${tool[@]}" row "$rows" "benchmark=GUI idle RSS ($GUI_PLATFORM)" \
    "rediscope=$IDLE_RSS_MB_MED MB ($IDLE_RSS_MB_MIN–$IDLE_RSS_MB_MAX)" "peers=—" "ratio=—" \
    "target=≤ 80 MB" "met=$(yes_no le "$IDLE_RSS_MB_MED" 80)"
  "${tool[@]}" row "$rows" "benchmark=GUI longest stall, Audit All of 20 ($GUI_PLATFORM)" \
    "rediscope=$MAX_STALL_MS_MED ms ($MAX_STALL_MS_MIN–$MAX_STALL_MS_MAX)" "peers=—" "ratio=—" \
    "target=no stall > 30 ms" "met=$(yes_no le "$MAX_STALL_MS_MAX" 30)" \
    "note=GUI: bench/gui_bench.cpp on the real MainWindow, Qt platform $GUI_PLATFORM, $GUI_ROUNDS fresh processes; start = process spawn to the end of the first paint pass; stall = longest gap between 5 ms timer ticks less 5 ms, from triggering Audit All to 200 ms after it finished (median: Audit All took $AUDIT_MS_MED ms, the longest gap ended $STALL_AT_MS_MED ms after the trigger, 99th-percentile lag $P99_STALL_MS_MED ms; the longest single event delivered by the event loop took $LONGEST_EVENT_MS_MED ms, in the worst round: $WORST_ROUND_EVENT); the stall target is judged on the worst round."
fi

# --- the report ----------------------------------------------------------------------------------
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$meta"
mkdir -p "$bench/results"
"${tool[@]}" report "$rows" "$meta" >"$bench/results/latest.md"
echo
cat "$bench/results/latest.md"
echo "Written to bench/results/latest.md"
