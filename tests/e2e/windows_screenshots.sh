#!/usr/bin/env bash
# Every window (accounts, forecast, quota, runway, settings, login) in light and dark palettes, in
# English and German, on a real X server: tst_windows's screenshot case, run under Xvfb. The
# pictures go to build/screenshots/windows/.
set -eu
tst="$1"
. "$(dirname "$0")/common.sh"
command -v Xvfb >/dev/null || fail "Xvfb is not installed"
shots="$CMA_SOURCE_DIR/build/screenshots/windows"
rm -rf "$shots"
mkdir -p "$shots"
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >"$HOME/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY="$display"
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
CMA_SCREENSHOT_DIR="$shots" QT_QPA_PLATFORM=xcb "$tst" screenshots >"$HOME/shots.log" 2>&1 ||
    fail "the screenshot run failed: $(tail -20 "$HOME/shots.log")"
count=$(find "$shots" -name '*.png' | wc -l)
[ "$count" = 24 ] || fail "expected 24 screenshots, found $count"
for f in "$shots"/*.png; do
    [ "$(stat -c %s "$f")" -gt 4000 ] || fail "$f looks empty"
done
echo "e2e_windows_screenshots: $count screenshots in $shots"
