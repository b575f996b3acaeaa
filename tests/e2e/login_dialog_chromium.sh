#!/usr/bin/env bash
# The login dialog with a real browser: the tray app (under Xvfb) opens its Add account dialog,
# "Open browser" hands the link to headless Chromium, Chromium follows the fake issuer's redirect
# to the dialog's loopback server, and the dialog reports the added account.
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
set +e
CMA_TRAY_SMOKE_DIR="$shots" CMA_TRAY_SMOKE_EXPECT=login-dialog QT_QPA_PLATFORM=xcb timeout 90 "$bin" --minimized \
  >"$HOME/app.log" 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || fail "the dialog did not add the account (exit $rc): $(tail -5 "$HOME/app.log") $(tail -3 "$HOME/chromium.log" 2>/dev/null)"
grep -q 'Added account 1: dana@example.com (Pro)' "$HOME/app.log" || fail "unexpected result: $(tail -3 "$HOME/app.log")"
"$bin" --cli status --json | grep -q '"email": "dana@example.com"' || fail "the account is not in the pool"
wait_for_success_page
echo "e2e_login_dialog_chromium: 1 passed, 0 failed"
