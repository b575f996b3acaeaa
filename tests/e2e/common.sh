# Shared by the e2e scripts: a fake OpenAI server on a free port, and overrides that point the
# app at it. Every script runs inside scripts/test-env (private HOME, CODEX_HOME, storage).
fail() { echo "FAIL: $*" >&2; exit 1; }

# Background processes a script starts are stopped when it exits.
CLEANUP_PIDS=""
kill_at_exit() { CLEANUP_PIDS="$CLEANUP_PIDS $*"; }
trap '[ -z "$CLEANUP_PIDS" ] || kill $CLEANUP_PIDS 2>/dev/null; true' EXIT

start_xvfb() {   # start_xvfb <WxH>: a private X server on a free display; exports DISPLAY
  command -v Xvfb >/dev/null || fail "Xvfb is not installed"
  rm -f "$HOME/xvfb.display"
  Xvfb -displayfd 3 -screen 0 "$1x24" -nolisten tcp 3>"$HOME/xvfb.display" >"$HOME/xvfb.log" 2>&1 &
  kill_at_exit $!
  for _ in $(seq 1 100); do [ -s "$HOME/xvfb.display" ] && break; sleep 0.05; done
  [ -s "$HOME/xvfb.display" ] || fail "Xvfb did not start: $(cat "$HOME/xvfb.log")"
  export DISPLAY=":$(head -1 "$HOME/xvfb.display")"
  for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
}

start_openbox() {   # the openbox window manager; returns once it manages the screen (an app mapped
  # while it starts up can stay unmapped for good). Sets WM to its pid.
  command -v openbox >/dev/null || fail "openbox is not installed (scripts/install-deps installs it)"
  openbox >"$HOME/openbox.log" 2>&1 &
  WM=$!
  kill_at_exit $WM
  local deadline=$((SECONDS + 20))
  until xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id'; do
    [ $SECONDS -lt $deadline ] || fail "openbox did not start: $(tail -3 "$HOME/openbox.log")"
    sleep 0.05
  done
}

private_session_bus() {   # a session bus of our own: nothing is autolaunched onto the display (a keyring
  # daemon would ask for a password in front of the windows under test)
  local out
  out=$(dbus-daemon --session --fork --print-address=1 --print-pid=1) || fail "dbus-daemon did not start"
  export DBUS_SESSION_BUS_ADDRESS=$(echo "$out" | head -1)
  kill_at_exit "$(echo "$out" | sed -n 2p)"
}

use_headless_chromium() {   # $BROWSER becomes headless Chromium; the page it ends on goes to $HOME/page.html
  command -v chromium >/dev/null || fail "chromium is not installed (scripts/install-deps installs it)"
  local profile="$HOME/chromium-profile"
  cat >"$HOME/browser.sh" <<SH
#!/bin/sh
exec chromium --headless --no-sandbox --disable-gpu --disable-quic --disable-background-networking --password-store=basic \\
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" --dump-dom "\$1" \\
  >"$HOME/page.html" 2>"$HOME/chromium.log"
SH
  chmod +x "$HOME/browser.sh"
  export BROWSER="$HOME/browser.sh"
}

wait_for_success_page() {   # Chromium writes the page when it exits, which may be after the app
  for _ in $(seq 1 100); do grep -q 'Signed in' "$HOME/page.html" 2>/dev/null && break; sleep 0.1; done
  grep -q 'Signed in to Codex Multi-Auth' "$HOME/page.html" ||
    fail "Chromium did not end on the success page: $(head -c 400 "$HOME/page.html" 2>/dev/null)"
}

start_fake() {   # start_fake <scenario.json> [extra args…]; sets FAKE_PORT, FAKE_HTTPS_PORT, FAKE_PID
  local log="$HOME/fake.log"
  "$CMA_BINARY_DIR/tests/support/fake-openai-server" --port 0 --scenario "$1" "${@:2}" >"$log" 2>&1 &
  FAKE_PID=$!
  for _ in $(seq 1 100); do
    if grep -q '^ready' "$log"; then break; fi
    sleep 0.05
  done
  FAKE_PORT=$(sed -n 's/^ready http=\([0-9]*\).*/\1/p' "$log")
  FAKE_HTTPS_PORT=$(sed -n 's/.*https=\([0-9]*\).*/\1/p' "$log")
  [ -n "$FAKE_PORT" ] || fail "the fake server did not start: $(cat "$log")"
  kill_at_exit "$FAKE_PID"
  export CODEX_MULTI_AUTH_ISSUER="http://127.0.0.1:$FAKE_PORT"
  export CODEX_MULTI_AUTH_CHATGPT_BASE_URL="http://127.0.0.1:$FAKE_PORT/backend-api"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

fake_post() { curl -s -X POST -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$FAKE_PORT/__fake/$1"; }
