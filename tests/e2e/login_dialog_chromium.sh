#!/usr/bin/env bash
# The login dialog with a real browser, driven from outside like a user: the app starts without a
# tray host, so the accounts window is its main window; Ctrl+N opens "Add account", Alt+O presses
# "Open browser", which hands the link to headless Chromium; Chromium follows the fake issuer's
# redirect to the dialog's loopback server and the account lands in the pool.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
shots="$CMA_SOURCE_DIR/build/screenshots"
mkdir -p "$shots"
cat >"$HOME/scenario.json" <<'JSON'
{"accounts":[{"email":"dana@example.com","plan":"pro"}]}
JSON
start_fake "$HOME/scenario.json"
export CODEX_MULTI_AUTH_CALLBACK_PORT=$(free_port)
use_headless_chromium
start_xvfb 1280x800
start_openbox
echo '{"version":1,"desktop":{"secretStorage":"file"}}' >"$CODEX_MULTI_AUTH_DIR/settings.json"
private_session_bus
QT_QPA_PLATFORM=xcb "$bin" >"$HOME/app.log" 2>&1 &
app=$!
kill_at_exit $app
wait_window() {   # wait_window <name regex>: prints the id of a visible window so named
  local deadline=$((SECONDS + 30)) id
  while [ $SECONDS -lt $deadline ]; do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1)
    [ -n "$id" ] && { echo "$id"; return 0; }
    sleep 0.2
  done
  return 1
}
main=$(wait_window 'Codex Multi-Auth') || fail "no window appeared: $(tail -5 "$HOME/app.log")"
# The welcome dialog of a first run comes first: Escape closes it.
if welcome=$(xdotool search --onlyvisible --name '^Welcome' 2>/dev/null | head -1) && [ -n "$welcome" ]; then
  xdotool windowactivate --sync "$welcome" key Escape
fi
xdotool windowactivate --sync "$main"
xdotool key ctrl+n
dialog=$(wait_window '^Add account') || fail "Ctrl+N did not open the Add account dialog"
xdotool windowactivate --sync "$dialog"
xdotool key alt+o
deadline=$((SECONDS + 60))
until "$bin" --cli status --json 2>/dev/null | grep -q '"email": "dana@example.com"'; do
  [ $SECONDS -lt $deadline ] || fail "the account did not land in the pool: $(tail -5 "$HOME/app.log") $(tail -3 "$HOME/chromium.log" 2>/dev/null)"
  sleep 0.3
done
wait_for_success_page
sleep 0.5
import -window "$dialog" "$shots/login-dialog-result.png" 2>/dev/null || true
echo "e2e_login_dialog_chromium: 1 passed, 0 failed"
