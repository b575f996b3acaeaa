#!/usr/bin/env bash
# The real browser login: the app hands the authorize URL to headless Chromium, Chromium follows
# the fake issuer's redirect to our loopback server, and the account lands in the pool with the
# email and plan from its token.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
command -v chromium >/dev/null || fail "chromium is not installed (scripts/install-deps installs it)"
cat >"$HOME/scenario.json" <<'JSON'
{"accounts":[{"email":"carol@example.com","plan":"plus"}]}
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
timeout 90 "$bin" --cli login --json </dev/null >"$HOME/login.json" 2>"$HOME/login.err" || fail "login failed: $(cat "$HOME/login.err") $(cat "$HOME/login.json")"
grep -q '"method": "browser"' "$HOME/login.json" || fail "not a browser login: $(cat "$HOME/login.json")"
status=$("$bin" --cli status --json)
grep -q '"email": "carol@example.com"' <<<"$status" || fail "account not in the pool: $status"
grep -q '"plan": "plus"' <<<"$status" || fail "plan missing: $status"
for _ in $(seq 1 50); do grep -q 'Signed in' "$HOME/page.html" 2>/dev/null && break; sleep 0.1; done
grep -q 'Signed in to Codex Multi-Auth' "$HOME/page.html" || fail "Chromium did not end on the success page: $(head -c 400 "$HOME/page.html")"
echo "e2e_login_chromium: 1 passed, 0 failed"
