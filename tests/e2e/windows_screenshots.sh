#!/usr/bin/env bash
# Every window (accounts, forecast, quota, runway, settings, login) in light and dark palettes, in
# English and German, on a real X server: tst_screenshots, run under Xvfb. The
# pictures go to build/screenshots/windows/.
set -eu
tst="$1"
. "$(dirname "$0")/common.sh"
shots="$CMA_SOURCE_DIR/build/screenshots/windows"
rm -rf "$shots"
mkdir -p "$shots"
start_xvfb 1400x900
CMA_SCREENSHOT_DIR="$shots" QT_QPA_PLATFORM=xcb "$tst" screenshots >"$HOME/shots.log" 2>&1 ||
    fail "the screenshot run failed: $(tail -20 "$HOME/shots.log")"
count=$(find "$shots" -name '*.png' | wc -l)
[ "$count" = 24 ] || fail "expected 24 screenshots, found $count"
for f in "$shots"/*.png; do
    [ "$(stat -c %s "$f")" -gt 4000 ] || fail "$f looks empty"
done
echo "e2e_windows_screenshots: $count screenshots in $shots"
