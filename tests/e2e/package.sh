#!/usr/bin/env bash
# The .deb a user installs: build it with CPack, unpack it into a scratch root, run the unpacked
# program, and check what the package ships with the tools Debian uses.
set -eu
bin="$1"
. "$(dirname "$0")/common.sh"
out="$HOME/pkg"
mkdir -p "$out"
(cd "$CMA_BINARY_DIR" && cpack -G DEB -B "$out" >"$HOME/cpack.log" 2>&1) || fail "cpack failed: $(tail -20 "$HOME/cpack.log")"
deb=$(ls "$out"/codex-multi-auth_*.deb | head -1)
[ -f "$deb" ] || fail "no .deb produced"
dpkg-deb --field "$deb" Depends | grep -q 'libsecret-1-0' || fail "Depends lacks libsecret-1-0: $(dpkg-deb --field "$deb" Depends)"
dpkg-deb --field "$deb" Depends | grep -q 'libqt6widgets6' || fail "Depends lacks the Qt runtime: $(dpkg-deb --field "$deb" Depends)"
dpkg-deb --field "$deb" Recommends | grep -q 'gnome-keyring | kwalletmanager' || fail "Recommends: $(dpkg-deb --field "$deb" Recommends)"
root="$HOME/root"
dpkg -x "$deb" "$root"
"$root/usr/bin/codex-multi-auth" --cli --version | grep -q '^codex-multi-auth ' || fail "the unpacked program does not run"
for f in usr/share/applications/codex-multi-auth.desktop usr/share/metainfo/io.github.codex_multi_auth.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/codex-multi-auth.svg usr/share/icons/hicolor/48x48/apps/codex-multi-auth.png \
         usr/share/codex-multi-auth/tray/full-22.png usr/share/man/man1/codex-multi-auth.1.gz \
         usr/share/bash-completion/completions/codex-multi-auth usr/share/zsh/vendor-completions/_codex-multi-auth \
         usr/share/fish/vendor_completions.d/codex-multi-auth.fish usr/share/doc/codex-multi-auth/copyright \
         usr/share/codex-multi-auth/translations/codex-multi-auth_de.qm \
         usr/share/codex-multi-auth/translations/codex-multi-auth_en.qm; do
  [ -e "$root/$f" ] || fail "the package lacks $f"
done
# The German translation is the compiled .ts, where the app looks for it (next to its prefix).
lconvert=/usr/lib/qt6/bin/lconvert
[ -x "$lconvert" ] || lconvert=$(command -v lconvert)
"$lconvert" -i "$root/usr/share/codex-multi-auth/translations/codex-multi-auth_de.qm" -o "$HOME/de-check.ts"
grep -q '<translation>Kontenliste</translation>' "$HOME/de-check.ts" || fail "the German translation lacks its strings"
bash -n "$root/usr/share/bash-completion/completions/codex-multi-auth" || fail "bash completion syntax"
if command -v zsh >/dev/null; then zsh -n "$root/usr/share/zsh/vendor-completions/_codex-multi-auth" || fail "zsh completion syntax"; fi
if command -v fish >/dev/null; then fish -n "$root/usr/share/fish/vendor_completions.d/codex-multi-auth.fish" || fail "fish completion syntax"; fi
desktop-file-validate "$root/usr/share/applications/codex-multi-auth.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.codex_multi_auth.metainfo.xml" >/dev/null || fail "appstreamcli validate"
if command -v lintian >/dev/null; then
  lintian --no-tag-display-limit "$deb" >"$HOME/lintian.txt" 2>&1 || true
  if grep -q '^E:' "$HOME/lintian.txt"; then fail "lintian errors: $(grep '^E:' "$HOME/lintian.txt")"; fi
fi
echo "e2e_package: 1 passed, 0 failed"
