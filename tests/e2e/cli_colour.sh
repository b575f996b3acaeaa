#!/usr/bin/env bash
# The command line as a person at a terminal sees it: `script` gives the real program a
# pseudo-terminal. Colour there (used up red, running low amber, the current account bold), and
# none with NO_COLOR, --no-color, a pipe or --json (docs/cli.md §2). Also: an account never used
# says "never used"; best --json and status --json report the same plan; switching to a used-up
# account warns and says when it resets.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
command -v script >/dev/null || fail "script (util-linux) is not installed"
"$CMA_BINARY_DIR/bench/genpool" 4 "$CODEX_MULTI_AUTH_DIR/openai-codex-accounts.json" --fresh
echo '{"version":1,"desktop":{"secretStorage":"file"}}' >"$CODEX_MULTI_AUTH_DIR/settings.json"
# Account 1 current with room, 2 used up, 3 running low, 4 never used. The readings' plan (team)
# differs from the id tokens' (plus): every command must report the reading's.
python3 - "$CODEX_MULTI_AUTH_DIR" <<'PY'
import json, sys, time
root = sys.argv[1]
path = root + "/openai-codex-accounts.json"
pool = json.load(open(path))
pool["accounts"][3]["lastUsed"] = 0
pool["activeIndex"] = 0
pool["activeIndexByFamily"] = {"codex": 0}
json.dump(pool, open(path, "w"))
now = int(time.time() * 1000)
cache = {"version": 1, "byAccountId": {}, "byEmail": {}}
for i, a in enumerate(pool["accounts"]):
    used = [40, 100, 90, 10][i]
    cache["byAccountId"][a["accountId"]] = {
        "updatedAt": now - 60000, "status": 200, "model": "codex", "planType": "team",
        "primary": {"usedPercent": used, "windowMinutes": 300, "resetAtMs": now + 95 * 60000},
        "secondary": {"usedPercent": 20, "windowMinutes": 10080, "resetAtMs": now + 3 * 86400000}}
json.dump(cache, open(root + "/quota-cache.json", "w"))
PY
esc=$'\e['
at_terminal() { env -u NO_COLOR script -qec "$*" /dev/null; }
passed=0
ok() { passed=$((passed + 1)); echo "ok: $*"; }

out=$(at_terminal "$bin" --cli status)
[[ "$out" == *"${esc}31m5h 0% left"* ]] || fail "a used-up window is not red at a terminal: $out"
[[ "$out" == *"${esc}33m5h 10% left"* ]] || fail "a window running low is not amber at a terminal: $out"
[[ "$out" == *"${esc}1m1. "* ]] || fail "the current account is not bold at a terminal: $out"
[[ "$out" == *"${esc}31mquota-exhausted"* ]] || fail "the quota-exhausted marker is not red: $out"
ok "status at a terminal is coloured"
out=$(at_terminal "$bin" --cli quota)
[[ "$out" == *"${esc}31m"* && "$out" == *"${esc}33m"* ]] || fail "quota at a terminal is not coloured: $out"
ok "quota at a terminal is coloured"
for how in "NO_COLOR=1" "--no-color" "pipe" "--json"; do
  case "$how" in
    NO_COLOR=1) out=$(NO_COLOR=1 script -qec "$bin --cli status" /dev/null) ;;
    --no-color) out=$(at_terminal "$bin" --cli status --no-color) ;;
    pipe) out=$(env -u NO_COLOR "$bin" --cli status | cat) ;;
    --json) out=$(at_terminal "$bin" --cli status --json) ;;
  esac
  [[ "$out" != *$'\e'* ]] || fail "colour with $how: $out"
  ok "no colour with $how"
done
at_terminal "$bin" --cli status --json | tr -d '\r' | jq -e . >/dev/null || fail "status --json at a terminal is not plain JSON"

out=$("$bin" --cli status)
line=$(echo "$out" | grep '^4\. ')
[[ "$line" == *"never used"* ]] || fail "an account never used: $line"
ok "never-used account says so"

status_plan=$("$bin" --cli status --json | jq -r '.accounts[0].plan')
best_plan=$("$bin" --cli best --dry-run --json | jq -r '.account.plan')
best_index=$("$bin" --cli best --dry-run --json | jq -r '.account.index')
[ "$status_plan" = team ] || fail "status --json reports plan $status_plan"
[ "$("$bin" --cli status --json | jq -r ".accounts[$best_index].plan")" = "$best_plan" ] ||
  fail "best --json reports plan $best_plan, status --json another"
ok "best --json and status --json agree on the plan ($best_plan)"

err=$("$bin" --cli switch 2 2>&1 >/dev/null) || fail "switch 2 failed: $err"
[[ "$err" == *"warning: account 2 has used up its 5h limit; it resets "*"(in "* ]] || fail "no warning: $err"
plan=$("$bin" --cli switch 3 --json 2>/dev/null | jq -r '.account.plan')
[ "$plan" = team ] || fail "switch --json reports plan $plan, status team"
ok "switching to a used-up account warns with its reset"
echo "e2e_cli_colour: $passed passed, 0 failed"
