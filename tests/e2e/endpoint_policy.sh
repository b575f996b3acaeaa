#!/usr/bin/env bash
# One policy for the endpoint overrides in every mode: an invalid override stops the command line,
# the `codex` name and the tray alike, with a message naming the variable and exit code 2, before
# anything is read or written.
set -eu
bin="$1"
fail() { echo "FAIL: $*" >&2; exit 1; }
codex_dir="$HOME/shim-bin"
mkdir -p "$codex_dir"
ln -sf "$bin" "$codex_dir/codex"

check() { # check <what> <expected message> <command…>
    local what="$1" expected="$2"
    shift 2
    set +e
    out=$("$@" 2>&1 </dev/null)
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "$what exited $rc, expected 2: $out"
    grep -q "$expected" <<<"$out" || fail "$what did not say '$expected': $out"
    [ ! -e "$CODEX_MULTI_AUTH_DIR/openai-codex-accounts.json" ] || fail "$what wrote the pool"
}

remote="must use https://"
for mode in cli codex tray; do
    case $mode in
    cli) cmd=("$bin" --cli status) ;;
    codex) cmd=("$codex_dir/codex" exec "hello") ;;
    tray) cmd=(env QT_QPA_PLATFORM=offscreen "$bin" --minimized) ;;
    esac
    check "$mode (remote http issuer)" "CODEX_MULTI_AUTH_ISSUER $remote" \
        env CODEX_MULTI_AUTH_ISSUER=http://example.com "${cmd[@]}"
    check "$mode (remote http backend)" "CODEX_MULTI_AUTH_CHATGPT_BASE_URL $remote" \
        env CODEX_MULTI_AUTH_CHATGPT_BASE_URL=http://example.com/backend-api "${cmd[@]}"
    check "$mode (override without explicit homes)" "overrides require an explicit CODEX_HOME and CODEX_MULTI_AUTH_DIR" \
        env -u CODEX_HOME CODEX_MULTI_AUTH_ISSUER=http://127.0.0.1:9 "${cmd[@]}"
done
# `codex auth …` is our command line, so it answers in JSON when asked to.
set +e
json=$(env CODEX_MULTI_AUTH_ISSUER=http://example.com "$codex_dir/codex" auth status --json 2>/dev/null)
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "codex auth status --json exited $rc"
grep -q '"code": "usage"' <<<"$json" || fail "codex auth status --json: $json"
echo "e2e_endpoint_policy: 3 modes × 3 invalid overrides refused with exit 2"
