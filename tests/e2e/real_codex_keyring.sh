#!/usr/bin/env bash
# Keyring and auto credential stores (docs/protocol.md §5.7) against the real Codex CLI and a real
# gnome-keyring in a private D-Bus session (scripts/with-keyring).
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
codex="$CMA_SOURCE_DIR/build/codex-cli/node_modules/.bin/codex"
[ -x "$codex" ] || fail "the official Codex CLI is not installed (scripts/install-codex)"
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || fail "no session bus: run through scripts/with-keyring"
"$(dirname "$0")/make-test-ca.sh" "$HOME/ca"
echo '{"accounts":[{"key":"kim","email":"kim@example.com","plan":"pro"},{"key":"lee","email":"lee@example.com","plan":"team"}],"config":{"replyText":"pong"}}' >"$HOME/scenario.json"
start_fake "$HOME/scenario.json" --tls-port 0 --tls-cert "$HOME/ca/server.pem" --tls-key "$HOME/ca/server.key"
https="https://127.0.0.1:$FAKE_HTTPS_PORT"
export CODEX_CA_CERTIFICATE="$HOME/ca/ca.pem" SSL_CERT_FILE="$HOME/ca/ca.pem" CODEX_REFRESH_TOKEN_URL_OVERRIDE="$https/oauth/token"
export CODEX_MULTI_AUTH_CALLBACK_PORT=$(free_port) BROWSER='curl -s -L -o /dev/null %s'
quiet() { grep -v 'could not create PATH aliases' || true; }
config() {
  cat >"$CODEX_HOME/config.toml" <<TOML
cli_auth_credentials_store = "$1"
chatgpt_base_url = "$https/backend-api/"
openai_base_url = "$https/backend-api/codex"
check_for_update_on_startup = false

[analytics]
enabled = false
TOML
}
for p in kim lee; do
  fake_post authorize-as "{\"account\":\"$p\"}" >/dev/null
  "$bin" --cli login --no-activate >/dev/null 2>"$HOME/err" || fail "login $p: $(cat "$HOME/err")"
done
# Our own secrets went to the keychain (a fresh storage with a working keyring).
"$bin" --cli secrets status | grep -q 'Secrets: keychain (reachable). 2 in keychain' || fail "secrets not in the keychain: $("$bin" --cli secrets status)"

read_account() {
  coproc APP { "$codex" app-server 2>/dev/null; }
  printf '%s\n' '{"id":0,"method":"initialize","params":{"clientInfo":{"name":"cma-test","version":"0"}}}' >&"${APP[1]}"
  local line
  while read -t 30 -r line <&"${APP[0]}"; do [[ "$line" == *'"id":0'* ]] && break; done
  printf '%s\n' '{"method":"initialized"}' '{"id":1,"method":"account/read","params":{"refreshToken":false}}' >&"${APP[1]}"
  while read -t 30 -r line <&"${APP[0]}"; do [[ "$line" == *'"id":1'* ]] && { echo "$line"; break; }; done
  kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true
}

# keyring: only the item; a leftover auth.json is removed.
config keyring
echo '{"stale":true}' >"$CODEX_HOME/auth.json"
"$bin" --cli switch 1 >/dev/null || fail "switch in keyring mode"
[ ! -e "$CODEX_HOME/auth.json" ] || fail "auth.json left behind in keyring mode"
secret-tool lookup service "Codex Auth" username "$(printf 'cli|%s' "$(printf '%s' "$(realpath "$CODEX_HOME")" | sha256sum | cut -c1-16)")" | jq -e '.tokens.account_id == "acc-kim"' >/dev/null \
  || fail "the keyring item is not where Codex looks"
[[ "$("$codex" login status 2>&1 | quiet)" == *"Logged in using ChatGPT"* ]] || fail "codex login status in keyring mode"
line=$(read_account)
[[ "$line" == *'"email":"kim@example.com"'* && "$line" == *'"planType":"pro"'* ]] || fail "account/read in keyring mode: $line"
echo "ok: keyring"

# auto: the item wins; auth.json is kept in step when it exists.
config auto
"$bin" --cli switch 2 >/dev/null || fail "switch in auto mode"
[ ! -e "$CODEX_HOME/auth.json" ] || fail "auto mode created an auth.json that did not exist"
line=$(read_account)
[[ "$line" == *'"email":"lee@example.com"'* ]] || fail "account/read in auto mode: $line"
"$bin" --cli codex-store status --json | jq -e '.mode == "auto" and .switchPossible' >/dev/null || fail "codex-store status"
# pin-file: auth.json gets the live account, then config.toml says file.
"$bin" --cli codex-store pin-file >/dev/null || fail "pin-file"
grep -q '^cli_auth_credentials_store = "file"' "$CODEX_HOME/config.toml" || fail "pin-file did not edit config.toml"
[ "$(jq -r .tokens.account_id "$CODEX_HOME/auth.json")" = "acc-lee" ] || fail "pin-file did not write the live account"
[[ "$("$codex" login status 2>&1 | quiet)" == *"Logged in using ChatGPT"* ]] || fail "codex login status after pin-file"
echo "ok: auto and pin-file"

# ephemeral: a switch cannot reach Codex; nothing changes, exit 1.
config ephemeral
set +e; "$bin" --cli switch 1 >/dev/null 2>"$HOME/err"; rc=$?; set -e
[ "$rc" = 1 ] || fail "ephemeral switch exited $rc"
grep -q 'ephemeral' "$HOME/err" || fail "ephemeral refusal unclear: $(cat "$HOME/err")"
echo "e2e_real_codex_keyring: 1 passed, 0 failed"
