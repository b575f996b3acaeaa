#!/usr/bin/env bash
# The real browser login: the app hands the authorize URL to headless Chromium, Chromium follows
# the fake issuer's redirect to our loopback server, and the account lands in the pool with the
# email and plan from its token.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
cat >"$HOME/scenario.json" <<'JSON'
{"accounts":[{"email":"carol@example.com","plan":"plus"}]}
JSON
start_fake "$HOME/scenario.json"
export CODEX_MULTI_AUTH_CALLBACK_PORT=$(free_port)
use_headless_chromium
timeout 90 "$bin" --cli login --json </dev/null >"$HOME/login.json" 2>"$HOME/login.err" || fail "login failed: $(cat "$HOME/login.err") $(cat "$HOME/login.json")"
grep -q '"method": "browser"' "$HOME/login.json" || fail "not a browser login: $(cat "$HOME/login.json")"
status=$("$bin" --cli status --json)
grep -q '"email": "carol@example.com"' <<<"$status" || fail "account not in the pool: $status"
grep -q '"plan": "plus"' <<<"$status" || fail "plan missing: $status"
wait_for_success_page
echo "e2e_login_chromium: 1 passed, 0 failed"
