#!/usr/bin/env bash
# The tray under a real X server (Xvfb) with a real tray host (trayer): the icon appears, the menu
# opens, a click on another account switches Codex's auth.json; without a tray host the app keeps a
# window listing the accounts instead. Screenshots go to build/screenshots.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
command -v trayer >/dev/null || fail "trayer is not installed"
shots="$CMA_SOURCE_DIR/build/screenshots"
mkdir -p "$shots"
start_xvfb 1280x800
# Before any tray host runs: the app keeps a window instead of vanishing.
"$CMA_BINARY_DIR/bench/genpool" 3 "$CODEX_MULTI_AUTH_DIR/openai-codex-accounts.json" --fresh
echo '{"version":1,"desktop":{"secretStorage":"file"}}' >"$CODEX_MULTI_AUTH_DIR/settings.json"
# Quota readings, so the menu header shows bars, reset times, pace and the runway line.
python3 - "$CODEX_MULTI_AUTH_DIR" <<'PY'
import json, sys, time
root = sys.argv[1]
pool = json.load(open(root + "/openai-codex-accounts.json"))
now = int(time.time() * 1000)
cache = {"version": 1, "byAccountId": {}, "byEmail": {}}
for i, a in enumerate(pool["accounts"]):
    used = [62, 100, 15][i % 3]
    cache["byAccountId"][a["accountId"]] = {
        "updatedAt": now - 60000, "status": 200, "model": "codex", "planType": "plus",
        "primary": {"usedPercent": used, "windowMinutes": 300, "resetAtMs": now + (95 + 20 * i) * 60000},
        "secondary": {"usedPercent": 20 + 10 * i, "windowMinutes": 10080, "resetAtMs": now + 3 * 86400000}}
json.dump(cache, open(root + "/quota-cache.json", "w"))
PY
set +e
CMA_TRAY_SMOKE_DIR="$shots" CMA_TRAY_SMOKE_EXPECT=fallback QT_QPA_PLATFORM=xcb timeout 60 "$bin" --minimized >"$HOME/app-notray.log" 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || fail "without a tray host: $(tail -5 "$HOME/app-notray.log")"
start_trayer() {
  trayer --edge top --align right --widthtype request --height 28 --SetDockType true --expand true >"$HOME/trayer.log" 2>&1 &
  tray=$!
  kill_at_exit $tray
}
# A tray host that appears after the app started: the app adopts it (docs/ui.md §10).
CMA_TRAY_SMOKE_DIR="$shots" CMA_TRAY_SMOKE_EXPECT=late-tray QT_QPA_PLATFORM=xcb timeout 60 "$bin" >"$HOME/app-late.log" 2>&1 &
app=$!
sleep 3
start_trayer
set +e
wait $app
rc=$?
set -e
[ "$rc" = 0 ] || fail "a tray host that appears later: $(tail -5 "$HOME/app-late.log")"
kill $tray 2>/dev/null || true
wait $tray 2>/dev/null || true
start_trayer
sleep 1
before=$(jq -r '.accounts[.activeIndex].accountId' "$CODEX_MULTI_AUTH_DIR/openai-codex-accounts.json")
set +e
CMA_TRAY_SMOKE_DIR="$shots" QT_QPA_PLATFORM=xcb timeout 60 "$bin" --minimized >"$HOME/app.log" 2>&1
rc=$?
set -e
import -window root "$shots/tray-desktop.png" 2>/dev/null || true
[ "$rc" = 0 ] || fail "the tray smoke test exited $rc: $(tail -5 "$HOME/app.log")"
[ -f "$shots/tray-menu.png" ] || fail "no screenshot of the menu"
after=$(jq -r .tokens.account_id "$CODEX_HOME/auth.json")
[ -n "$after" ] && [ "$after" != "$before" ] || fail "auth.json did not switch ($before → $after)"
echo "e2e_tray_smoke: 3 passed, 0 failed"
