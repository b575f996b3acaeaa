#!/usr/bin/env bash
# Proves the files we write against the REAL official Codex CLI (docs/protocol.md §10), talking only
# to the fake server over loopback HTTPS with a throw-away CA.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
codex="$CMA_SOURCE_DIR/build/codex-cli/node_modules/.bin/codex"
[ -x "$codex" ] || fail "the official Codex CLI is not installed (scripts/install-codex)"
"$(dirname "$0")/make-test-ca.sh" "$HOME/ca"
plans="free plus pro team business enterprise edu"
{
  printf '{"accounts":['
  for p in $plans; do printf '{"key":"%s","email":"%s@example.com","plan":"%s","usage":{"primary_used":12,"secondary_used":40}},' "$p" "$p" "$p"; done
  printf '{"key":"quick","email":"quick@example.com","plan":"plus","access_ttl_sequence":[200,200,600]}],"config":{"replyText":"pong from the fake"}}'
} >"$HOME/scenario.json"
start_fake "$HOME/scenario.json" --tls-port 0 --tls-cert "$HOME/ca/server.pem" --tls-key "$HOME/ca/server.key"
https="https://127.0.0.1:$FAKE_HTTPS_PORT"
cat >"$CODEX_HOME/config.toml" <<TOML
cli_auth_credentials_store = "file"
chatgpt_base_url = "$https/backend-api/"
openai_base_url = "$https/backend-api/codex"
check_for_update_on_startup = false

[analytics]
enabled = false

[otel]
metrics_exporter = "none"
TOML
export CODEX_CA_CERTIFICATE="$HOME/ca/ca.pem" SSL_CERT_FILE="$HOME/ca/ca.pem"
export CODEX_REFRESH_TOKEN_URL_OVERRIDE="$https/oauth/token"
export CODEX_MULTI_AUTH_CALLBACK_PORT=$(free_port)
export BROWSER='curl -s -L -o /dev/null %s'
mkdir -p "$HOME/empty"
quiet() { grep -v 'could not create PATH aliases' || true; }

n=0
for p in $plans quick; do
  fake_post authorize-as "{\"account\":\"$p\"}" >/dev/null
  "$bin" --cli login --no-activate >/dev/null 2>"$HOME/login.err" || fail "login of $p failed: $(cat "$HOME/login.err")"
done

app_server_read() {  # prints the account/read result line
  coproc APP { "$codex" app-server 2>/dev/null; }
  printf '%s\n' '{"id":0,"method":"initialize","params":{"clientInfo":{"name":"cma-test","version":"0"}}}' >&"${APP[1]}"
  local line
  while read -t 30 -r line <&"${APP[0]}"; do [[ "$line" == *'"id":0'* ]] && break; done
  printf '%s\n' '{"method":"initialized"}' '{"id":1,"method":"account/read","params":{"refreshToken":false}}' >&"${APP[1]}"
  while read -t 30 -r line <&"${APP[0]}"; do
    if [[ "$line" == *'"id":1'* ]]; then echo "$line"; break; fi
  done
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
}

for p in $plans; do
  n=$((n + 1))
  "$bin" --cli switch "$n" >/dev/null || fail "switch $n ($p) failed"
  status=$("$codex" login status 2>&1 | quiet)
  [[ "$status" == *"Logged in using ChatGPT"* ]] || fail "codex login status for $p: $status"
  read_line=$(app_server_read)
  [[ "$read_line" == *"\"type\":\"chatgpt\""* && "$read_line" == *"\"email\":\"$p@example.com\""* && "$read_line" == *"\"planType\":\"$p\""* ]] \
    || fail "account/read for $p: $read_line"
  [[ "$read_line" == *"\"chatgptAccountId\":\"acc-$p\""* ]] || fail "workspace routing for $p: $read_line"
  out=$(cd "$HOME/empty" && timeout 60 "$codex" exec --skip-git-repo-check --ephemeral -C "$HOME/empty" "hi" 2>"$HOME/exec.err") \
    || fail "codex exec for $p failed: $(tail -5 "$HOME/exec.err")"
  [ "$(echo "$out" | tail -1)" = "pong from the fake" ] || fail "codex exec for $p printed: $out"
  access=$(jq -r .tokens.access_token "$CODEX_HOME/auth.json")
  curl -s "http://127.0.0.1:$FAKE_PORT/__fake/requests" >"$HOME/requests.json"
  auth=$(jq -r '[.requests[] | select(.method=="POST" and .path=="/backend-api/codex/responses")] | last | .headers.authorization' "$HOME/requests.json")
  acct=$(jq -r '[.requests[] | select(.method=="POST" and .path=="/backend-api/codex/responses")] | last | .headers["chatgpt-account-id"]' "$HOME/requests.json")
  [ "$auth" = "Bearer $access" ] || fail "exec for $p sent another bearer"
  [ "$acct" = "acc-$p" ] || fail "exec for $p sent chatgpt-account-id $acct"
  echo "ok: $p"
done

# Codex refreshes the live account's expiring token itself; we switch away and back. The fake
# issues 200 s tokens at login and at our refresh (inside Codex's 300 s window), then a 600 s one
# to Codex (outside its window, inside our 900 s lead): our next switch must refresh with the
# token Codex rotated, or the fake answers refresh_token_reused and revokes the family.
quick=$(( $(echo $plans | wc -w) + 1 ))
"$bin" --cli switch "$quick" >/dev/null || fail "switch to quick failed"
ours=$(jq -r .tokens.refresh_token "$CODEX_HOME/auth.json")
(cd "$HOME/empty" && timeout 60 "$codex" exec --skip-git-repo-check --ephemeral -C "$HOME/empty" "hi" >/dev/null 2>&1) || fail "codex exec on quick failed"
theirs=$(jq -r .tokens.refresh_token "$CODEX_HOME/auth.json")
[ "$ours" != "$theirs" ] || fail "Codex did not refresh the expiring token itself"
"$bin" --cli switch 1 >/dev/null || fail "switch away failed"
"$bin" --cli switch "$quick" >/dev/null || fail "switch back failed"
stats=$(curl -s "http://127.0.0.1:$FAKE_PORT/__fake/stats")
[ "$(jq -r '.refreshes.quick.reused // 0' <<<"$stats")" = 0 ] || fail "a refresh token was used twice: $stats"
[ "$(jq -r '.refreshes.quick.invalidated // 0' <<<"$stats")" = 0 ] || fail "the token family was revoked: $stats"
[ "$(jq -r '.refreshes.quick.ok' <<<"$stats")" -ge 3 ] || fail "expected our, Codex's and our refresh: $stats"
echo "ok: Codex's own refresh adopted, no refresh token used twice"

# The shim: codex auth … is ours, everything else is the real CLI with its exit code.
mkdir -p "$HOME/bin"
ln -sf "$bin" "$HOME/bin/codex"
PATH="$HOME/bin:$(dirname "$codex"):$PATH"
[[ "$(codex auth list)" == *"Accounts ($quick)"* ]] || fail "codex auth list through the shim"
[[ "$(codex --version 2>&1 | quiet)" == "codex-cli 0.169.0" ]] || fail "codex --version not forwarded"
set +e
codex definitely-not-a-command >/dev/null 2>&1; shim_rc=$?
"$codex" definitely-not-a-command >/dev/null 2>&1; real_rc=$?
set -e
[ "$shim_rc" = "$real_rc" ] || fail "exit code not forwarded ($shim_rc vs $real_rc)"
# The logout guard: no revoke, auth.json gone, the account stays pooled.
out=$(codex logout)
[[ "$out" == *"signed Codex out locally"* ]] || fail "logout guard: $out"
[ ! -e "$CODEX_HOME/auth.json" ] || fail "auth.json still there after the guarded logout"
curl -s "http://127.0.0.1:$FAKE_PORT/__fake/requests" | jq -e '[.requests[] | select(.path=="/oauth/revoke")] | length == 0' >/dev/null \
  || fail "the logout revoked a token"
echo "e2e_real_codex: 1 passed, 0 failed"
