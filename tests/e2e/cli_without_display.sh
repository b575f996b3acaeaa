#!/usr/bin/env bash
# The headless mode works with no display and no D-Bus session: --version, --help, and a usage error.
set -eu
bin="$1"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS QT_QPA_PLATFORM
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$bin" --cli --version) || fail "--cli --version exited $?"
[[ "$out" =~ ^codex-multi-auth\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "unexpected version line: $out"
out=$("$bin" --version) || fail "--version exited $?"
[[ "$out" == codex-multi-auth* ]] || fail "--version: $out"

help=$("$bin" --cli --help) || fail "--cli --help exited $?"
for c in login status switch quota forecast best refresh check doctor remove export import secrets "account tag" "debug bundle"; do
  grep -q "  $c" <<<"$help" || fail "--help does not list $c"
done

set +e
"$bin" --cli frobnicate >/dev/null 2>&1; rc=$?
set -e
[ "$rc" -eq 2 ] || fail "unknown command exited $rc, expected 2"
echo "e2e_cli_without_display: 1 passed, 0 failed"
