#!/usr/bin/env bash
# Whole-process measurements (bench/README.md): wall time and peak RSS of CLI commands at 10,
# 1,000 and 10,000 accounts (median, min, max over repeated runs; wall time from the clock around the process, peak RSS
# from /usr/bin/time), and the tray
# process's idle RSS and wakeups over 60 s with 10 accounts (offscreen platform).
#   bench/run.sh [build-dir] [runs]
set -eu
build="${1:-build/dev}"
runs="${2:-7}"
bin="$build/app/codex-multi-auth"
genpool="$build/bench/genpool"
[ -x "$bin" ] && [ -x "$genpool" ] || { echo "build first (make build)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" CODEX_HOME="$work/home/.codex"
mkdir -p "$CODEX_HOME"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
# Nothing here may reach OpenAI: every endpoint points at a closed loopback port.
export CODEX_MULTI_AUTH_ISSUER=http://127.0.0.1:9 CODEX_MULTI_AUTH_CHATGPT_BASE_URL=http://127.0.0.1:9/backend-api

stats() {  # reads "microseconds kib" lines; prints median/min/max of both
  gawk '{t[NR]=$1; m[NR]=$2} END {
    n=NR; asort(t); asort(m); mid=int((n+1)/2);
    printf "%7.1f ms (min %.1f, max %.1f)  peak RSS %6.1f MiB (min %.1f, max %.1f)\n",
      t[mid]/1000, t[1]/1000, t[n]/1000, m[mid]/1024, m[1]/1024, m[n]/1024 }'
}

measure() {  # measure <label> <command…>
  local label="$1"; shift
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/t" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(tail -n1 "$work/t")"
  done | stats | sed "s/^/$(printf '%-28s' "$label")/"
}

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME")"
echo "Runs per measurement: $runs (times are medians)"
for n in 10 1000 10000; do
  export CODEX_MULTI_AUTH_DIR="$work/pool-$n"
  mkdir -p "$CODEX_MULTI_AUTH_DIR"
  "$genpool" "$n" "$CODEX_MULTI_AUTH_DIR/openai-codex-accounts.json" --fresh
  echo '{"version":1,"desktop":{"secretStorage":"file"}}' >"$CODEX_MULTI_AUTH_DIR/settings.json"
  measure "list --json N=$n" "$bin" --cli list --json
  measure "status N=$n" "$bin" --cli status
  measure "forecast N=$n" "$bin" --cli forecast
  measure "switch N=$n" "$bin" --cli switch 2
done

# The tray at rest: 10 accounts, offscreen, 60 s.
export CODEX_MULTI_AUTH_DIR="$work/pool-10"
QT_QPA_PLATFORM=offscreen "$bin" --minimized >/dev/null 2>&1 &
pid=$!
sleep 5
ctx() { awk '/^voluntary_ctxt_switches|^nonvoluntary_ctxt_switches/ {s+=$2} END {print s}' "/proc/$pid/status"; }
before=$(ctx)
sleep 60
after=$(ctx)
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
kill "$pid"
printf 'tray idle (10 accounts)      RSS %.1f MiB, %d context switches in 60 s (%.2f per 10 s)\n' \
  "$(echo "$rss / 1024" | bc -l)" "$((after - before))" "$(echo "($after - $before) / 6" | bc -l)"
