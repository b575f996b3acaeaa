# Shared by the e2e scripts: a fake OpenAI server on a free port, and overrides that point the
# app at it. Every script runs inside scripts/test-env (private HOME, CODEX_HOME, storage).
fail() { echo "FAIL: $*" >&2; exit 1; }

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
  trap 'kill $FAKE_PID 2>/dev/null' EXIT
  export CODEX_MULTI_AUTH_ISSUER="http://127.0.0.1:$FAKE_PORT"
  export CODEX_MULTI_AUTH_CHATGPT_BASE_URL="http://127.0.0.1:$FAKE_PORT/backend-api"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

fake_post() { curl -s -X POST -H 'Content-Type: application/json' -d "$2" "http://127.0.0.1:$FAKE_PORT/__fake/$1"; }
