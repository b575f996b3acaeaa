#!/usr/bin/env bash
# The tray as a user meets it, driven only from outside the app: a real X server (Xvfb), the
# openbox window manager (and once none), a real tray host (trayer), xdotool clicks on the real
# icon and menu, and the X server's own view of which windows are visible. Meanwhile the fake
# OpenAI server changes every account's quota each 500 ms and the shared quota cache is rewritten
# as often, so the menu must stay open while snapshots keep arriving. A click on an account row
# must switch Codex's auth.json. Without a tray host the accounts window must be there instead,
# and a tray host that appears later must be adopted. Screenshots of the open menu (light, dark,
# English, German) go to build/screenshots/tray.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
for tool in trayer openbox xdotool xwininfo import; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/install-deps installs it)"
done
shots="$CMA_SOURCE_DIR/build/screenshots/tray"
rm -rf "$shots"
mkdir -p "$shots"
passed=0
pass() { passed=$((passed + 1)); echo "ok: $*"; }

# --- accounts: three real logins against the fake issuer -------------------------------------
cat >"$HOME/scenario.json" <<'JSON'
{"accounts":[
 {"key":"alice","email":"alice@example.com","plan":"plus","usage":{"primary_used":62,"secondary_used":30}},
 {"key":"bob","email":"bob@example.com","plan":"pro","usage":{"primary_used":3,"secondary_used":10}},
 {"key":"carol","email":"carol.with.a.rather.long.mailbox.name@subdomain.example.com","plan":"plus",
  "usage":{"primary_used":88,"secondary_used":97}}]}
JSON
start_fake "$HOME/scenario.json"
export CODEX_MULTI_AUTH_CALLBACK_PORT=$(free_port)
export BROWSER='curl -s -L -o /dev/null %s'
echo '{"version":1,"desktop":{"secretStorage":"file"},"pluginConfig":{"liveAccountSyncPollMs":500}}' \
  >"$CODEX_MULTI_AUTH_DIR/settings.json"
for key in alice bob carol; do
  fake_post authorize-as "{\"account\":\"$key\"}" >/dev/null
  "$bin" --cli login --no-activate >/dev/null 2>"$HOME/login.err" || fail "login of $key: $(cat "$HOME/login.err")"
done
"$bin" --cli switch 1 >/dev/null || fail "switch 1"
"$bin" --cli quota --refresh >/dev/null || fail "quota --refresh"
id_of() { jq -r ".accounts[$1].accountId" "$CODEX_MULTI_AUTH_DIR/openai-codex-accounts.json"; }
codex_account() { jq -r '.tokens.account_id // empty' "$CODEX_HOME/auth.json" 2>/dev/null || true; }
[ "$(codex_account)" = "$(id_of 0)" ] || fail "Codex does not hold account 1 before the test"

# Quota that keeps moving: the fake's usage and the shared cache change every 500 ms (small
# steps, so the order of the rows stays the same).
churn() {
  local i=0
  while :; do
    i=$(((i + 1) % 4))
    fake_post accounts "{\"accounts\":[
      {\"key\":\"alice\",\"email\":\"alice@example.com\",\"plan\":\"plus\",\"usage\":{\"primary_used\":$((60 + i)),\"secondary_used\":30}},
      {\"key\":\"bob\",\"email\":\"bob@example.com\",\"plan\":\"pro\",\"usage\":{\"primary_used\":$((3 + i)),\"secondary_used\":10}}]}" \
      >/dev/null || true
    python3 - "$CODEX_MULTI_AUTH_DIR/quota-cache.json" "$i" <<'PY' || true
import json, os, sys, time
path, step = sys.argv[1], int(sys.argv[2])
cache = json.load(open(path))
for entry in list(cache.get("byAccountId", {}).values()) + list(cache.get("byEmail", {}).values()):
    if isinstance(entry, dict) and isinstance(entry.get("primary"), dict):
        base = entry["primary"].get("usedPercent") or 0
        entry["primary"]["usedPercent"] = max(0, min(100, int(base) - int(base) % 4 + step))
        entry["updatedAt"] = int(time.time() * 1000)
tmp = path + ".tmp"
json.dump(cache, open(tmp, "w"))
os.replace(tmp, path)
PY
    sleep 0.5
  done
}

# --- helpers that look at the X server ---------------------------------------------------------
start_trayer() {
  trayer --edge top --align right --widthtype request --height 28 --SetDockType true --expand true \
    >"$HOME/trayer.log" 2>&1 &
  TRAYER=$!
  kill_at_exit $TRAYER
  local deadline=$((SECONDS + 20))   # until its panel is on screen
  until [ -n "$(xdotool search --onlyvisible --class trayer 2>/dev/null)" ]; do
    [ $SECONDS -lt $deadline ] || fail "trayer did not start: $(tail -3 "$HOME/trayer.log")"
    sleep 0.05
  done
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
start_app() {   # start_app <log> [args]
  QT_QPA_PLATFORM=xcb "$bin" "${@:2}" >"$1" 2>&1 &
  APP=$!
  kill_at_exit $APP
}
# Prints "id x y w h override" of each visible window of the app (override: yes for popups such
# as the menu, which no window manager decorates).
visible_windows() {
  local id
  for id in $(xdotool search --onlyvisible --class codex-multi-auth 2>/dev/null); do
    xwininfo -all -id "$id" 2>/dev/null | awk -v id="$id" '
      /Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {y=$NF} /^ *Width:/ {w=$NF} /^ *Height:/ {h=$NF}
      /[Oo]verride [Rr]edirect [Ss]tate/ {o=$NF}
      END {print id, x, y, w, h, o}'
  done
}
# The tray icon: the app's window embedded in trayer's panel.
find_icon() {
  local deadline=$((SECONDS + 30)) line
  while [ $SECONDS -lt $deadline ]; do
    line=$(visible_windows | awk '$4 <= 64 && $5 <= 64 && $4 >= 8')
    if [ -n "$line" ]; then
      read -r ICON ICON_X ICON_Y ICON_W ICON_H _ <<<"$(echo "$line" | head -1)"
      return 0
    fi
    sleep 0.2
  done
  return 1
}
# The open menu: a visible popup of the app of at least 200×100 px.
menu_window() { visible_windows | awk '$4 >= 200 && $5 >= 100 && $6 == "yes"' | head -1; }
wait_menu() {   # wait_menu <seconds>: until the menu is visible
  local deadline=$((SECONDS + $1))
  while [ $SECONDS -lt $deadline ]; do
    MENU=$(menu_window)
    [ -n "$MENU" ] && return 0
    sleep 0.1
  done
  return 1
}
# Clicks the icon, then requires the menu to be visible after 1 s and still after 2 s, while the
# quota keeps changing.
click_and_check_menu() {   # click_and_check_menu <button> <what>
  xdotool mousemove $((ICON_X + ICON_W / 2)) $((ICON_Y + ICON_H / 2)) click "$1"
  wait_menu 10 || fail "$2: no menu after a click on the icon"
  sleep 1
  MENU=$(menu_window)
  [ -n "$MENU" ] || fail "$2: the menu closed within 1 s"
  read -r MENU_ID MENU_X MENU_Y MENU_W MENU_H _ <<<"$MENU"
  [ "$MENU_W" -le 490 ] || fail "$2: the menu is $MENU_W px wide (at most ~480)"
  sleep 1
  [ -n "$(menu_window)" ] || fail "$2: the menu closed within 2 s"
  pass "$2: a ${MENU_W}x${MENU_H} menu stays open"
}
close_menu() {
  xdotool key Escape
  local deadline=$((SECONDS + 5))
  while [ -n "$(menu_window)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  [ -z "$(menu_window)" ] || fail "Escape did not close the menu"
}

start_xvfb 1280x800
private_session_bus

# --- 1. No tray host: the accounts window stays reachable, then a late tray is adopted ---------
start_openbox
start_app "$HOME/app-notray.log"
deadline=$((SECONDS + 30))
main=""
while [ $SECONDS -lt $deadline ] && [ -z "$main" ]; do
  main=$(for id in $(xdotool search --onlyvisible --name 'Codex Multi-Auth$' 2>/dev/null); do
           xwininfo -id "$id" | grep -q 'Map State: IsViewable' && echo "$id"; done | head -1)
  [ -n "$main" ] || sleep 0.2
done
if [ -z "$main" ]; then
  import -window root "$shots/failure-no-tray.png" 2>/dev/null || true
  fail "without a tray host no window appeared (windows: $(for id in $(xdotool search --onlyvisible --name . 2>/dev/null); do printf '%s; ' "$(xdotool getwindowname "$id")"; done)) $(tail -3 "$HOME/app-notray.log")"
fi
title=$(xdotool getwindowname "$main")
[[ "$title" == *"alice@example.com"* ]] || fail "the main window's title does not name the current account: $title"
import -window root "$shots/no-tray-window.png"
pass "no tray host: the accounts window is the main window ($title)"
start_trayer
deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ] && [ "$(xdotool getwindowname "$main" 2>/dev/null)" != "Accounts — Codex Multi-Auth" ]; do
  sleep 0.2
done
[ "$(xdotool getwindowname "$main")" = "Accounts — Codex Multi-Auth" ] || fail "a late tray host was not adopted"
find_icon || fail "a late tray host shows no icon"
pass "a tray host that appears later gets the icon"
stop $APP
stop $TRAYER

# --- 2. With a window manager: left and right click, a row click switches Codex ---------------
start_trayer
start_app "$HOME/app.log" --minimized
find_icon || fail "no tray icon: $(tail -3 "$HOME/app.log")"
churn &
CHURN=$!
kill_at_exit $CHURN
click_and_check_menu 1 "openbox, left click"
import -window root "$shots/desktop-menu-open.png"
close_menu
click_and_check_menu 3 "openbox, right click"
# Find the first account row the way the keyboard does: Down highlights the first enabled item
# (the header is not one), and the highlighted band is where the column left of the text changed.
x=$((MENU_X + 6))
strip() { import -window root -crop "1x${MENU_H}+${x}+${MENU_Y}" -depth 8 txt:- 2>/dev/null | awk 'NR > 1 {print $3}'; }
xdotool mousemove 5 790 # off the menu: no item is under the pointer
baseline=$(strip)
deadline=$((SECONDS + 10))
while [ $SECONDS -lt $deadline ]; do   # until the menu has repainted: two strips alike
  again=$(strip)
  [ "$again" = "$baseline" ] && break
  baseline=$again
done
xdotool key Down
band=""
deadline=$((SECONDS + 10))
while [ -z "$band" ] && [ $SECONDS -lt $deadline ]; do
  band=$(paste <(echo "$baseline") <(strip) | awk '$1 != $2 {print NR - 1}' | awk 'NR == 1 {first = $1} {last = $1} END {if (NR) print first, last}')
  [ -n "$band" ] || sleep 0.1
done
[ -n "$band" ] || fail "Down highlighted no account row"
read -r band_top band_bottom <<<"$band"
row_y=$((MENU_Y + (band_top + band_bottom) / 2))
before=$(codex_account)
xdotool mousemove $((MENU_X + 120)) "$row_y" click 1
deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ] && [ "$(codex_account)" = "$before" ]; do sleep 0.2; done
after=$(codex_account)
[ -n "$after" ] && [ "$after" != "$before" ] || fail "a click on the first row did not switch auth.json ($before)"
[ "$after" = "$(id_of 1)" ] || fail "the first row is not bob, the account with the most left ($after)"
active=$(jq -r '.activeIndex' "$CODEX_MULTI_AUTH_DIR/openai-codex-accounts.json")
[ "$active" = 1 ] || fail "the pool selects account $((active + 1)) after the click"
[ -z "$(menu_window)" ] || fail "the menu stayed open after the click"
pass "a click on bob's row switched auth.json to bob"
# A double click opens the accounts window (the first click must not open the menu over it).
xdotool mousemove $((ICON_X + ICON_W / 2)) $((ICON_Y + ICON_H / 2)) click --repeat 2 --delay 120 1
deadline=$((SECONDS + 15))
until [ -n "$(xdotool search --onlyvisible --name '^Accounts — Codex Multi-Auth$' 2>/dev/null)" ]; do
  [ $SECONDS -lt $deadline ] || fail "a double click on the icon did not open the accounts window"
  sleep 0.1
done
[ -z "$(menu_window)" ] || fail "a double click left the menu open"
pass "a double click opens the accounts window"
stop $APP
stop $WM

# --- 3. Without a window manager ----------------------------------------------------------------
start_app "$HOME/app-nowm.log" --minimized
find_icon || fail "no tray icon without a window manager"
click_and_check_menu 1 "no window manager, left click"
close_menu
click_and_check_menu 3 "no window manager, right click"
close_menu
stop $APP

# --- 4. The open menu in light and dark, English and German ---------------------------------------
start_openbox
for palette in light dark; do
  for language in en de; do
    "$bin" --cli config set desktop.palette "$palette" >/dev/null
    "$bin" --cli config set desktop.language "$language" >/dev/null
    start_app "$HOME/app-$palette-$language.log" --minimized
    find_icon || fail "no icon ($palette, $language)"
    click_and_check_menu 3 "$palette $language"
    xdotool mousemove $((MENU_X + MENU_W - 40)) $((MENU_Y + MENU_H - 12))
    sleep 0.3
    import -window "$MENU_ID" "$shots/menu-$palette-$language.png"
    close_menu
    stop $APP
  done
done
# The icon follows `config set` while the app runs (no restart, no settings window).
start_app "$HOME/app-live.log" --minimized
find_icon || fail "no icon for the live settings check"
sleep 1
import -window "$ICON" "$HOME/icon-before.png"
"$bin" --cli config set desktop.trayIcon.style percent >/dev/null
deadline=$((SECONDS + 15))
changed=no
while [ $SECONDS -lt $deadline ]; do
  import -window "$ICON" "$HOME/icon-after.png"
  if ! cmp -s <(convert "$HOME/icon-before.png" rgba:-) <(convert "$HOME/icon-after.png" rgba:-); then
    changed=yes
    break
  fi
  sleep 0.3
done
[ "$changed" = yes ] || fail "the icon did not follow config set desktop.trayIcon.style percent"
pass "config set desktop.trayIcon.style applies to the running icon"
stop $APP
stop $CHURN
count=$(find "$shots" -name 'menu-*.png' | wc -l)
[ "$count" = 4 ] || fail "expected 4 menu screenshots, found $count"
echo "e2e_tray_smoke: $passed passed, 0 failed"
