#!/usr/bin/env bash
# The login dialog with a real browser: the tray app (under Xvfb) opens its Add account dialog,
# "Open browser" hands the link to headless Chromium, Chromium follows the fake issuer's redirect
# to the dialog's loopback server, and the dialog reports the added account.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
command -v chromium >/dev/null || fail "chromium is not installed (scripts/install-deps installs it)"
command -v Xvfb >/dev/null || fail "Xvfb is not installed"
shots="$CMA_SOURCE_DIR/build/screenshots"
mkdir -p "$shots"
cat >"$HOME/scenario.json" <<'JSON'
{"accounts":[{"email":"dana@example.com","plan":"pro"}]}
JSON
start_fake "$HOME/scenario.json"
export CODEX_MULTI_AUTH_CALLBACK_PORT=$(free_port)
profile="$HOME/chromium-profile"
cat >"$HOME/browser.sh" <<SH
#!/bin/sh
exec chromium --headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" --dump-dom "\$1" \
  >"$HOME/page.html" 2>"$HOME/chromium.log"
SH
chmod +x "$HOME/browser.sh"
export BROWSER="$HOME/browser.sh"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$HOME/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb $FAKE_PID 2>/dev/null || true' EXIT
export DISPLAY="$display"
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
set +e
CMA_TRAY_SMOKE_DIR="$shots" CMA_TRAY_SMOKE_EXPECT=login-dialog QT_QPA_PLATFORM=xcb timeout 90 "$bin" --minimized \
  >"$HOME/app.log" 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || fail "the dialog did not add the account (exit $rc): $(tail -5 "$HOME/app.log") $(tail -3 "$HOME/chromium.log" 2>/dev/null)"
grep -q 'Added account 1: dana@example.com (Pro)' "$HOME/app.log" || fail "unexpected result: $(tail -3 "$HOME/app.log")"
"$bin" --cli status --json | grep -q '"email": "dana@example.com"' || fail "the account is not in the pool"
# Chromium writes the page when it exits, which may be a moment after the app.
for _ in $(seq 1 100); do grep -q 'Signed in' "$HOME/page.html" 2>/dev/null && break; sleep 0.1; done
grep -q 'Signed in to Codex Multi-Auth' "$HOME/page.html" || fail "Chromium did not end on the success page"
echo "e2e_login_dialog_chromium: 1 passed, 0 failed"
