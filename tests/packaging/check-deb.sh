#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb from an already built tree with cpack (into a temporary directory, never
# the build tree, so it works as any user), then checks it: exactly the expected files, owned
# by root; the Depends that dpkg-shlibdeps derives plus the plugins it cannot see; and that
# the packed binary runs. Needs no display. Exits 77 (skipped) without dpkg-deb or
# dpkg-shlibdeps (dpkg-dev).
# Usage: check-deb.sh CPACK BUILD_DIR BINARY APP_ID VERSION SYSTEMD_USER_UNIT_DIR
set -euo pipefail
cpack=$1 build_dir=$2 binary=$3 app_id=$4 version=$5 unit_dir=$6

for tool in dpkg-deb dpkg-shlibdeps; do
  command -v $tool >/dev/null || { echo "skip: $tool not installed (dpkg-dev)"; exit 77; }
done
[ -x "$binary" ] || { echo "FAIL: $binary is not built; build before running ctest" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if ! "$cpack" -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "FAIL: cpack could not build the package" >&2
  exit 1
fi
debs=("$work"/out/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { cat "$work/cpack.log"; echo "FAIL: expected one .deb, got: ${debs[*]}" >&2; exit 1; }
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "kpi-collector_${version}_${arch}.deb" ] || fail "file name $(basename "$deb")"

# Every file, and nothing else (directories aside).
cat >"$work/expected" <<LIST
./usr/bin/kpi-collector
./usr/${unit_dir}/kpi-collector.service
./usr/share/applications/${app_id}.desktop
./usr/share/doc/kpi-collector/copyright
./usr/share/icons/hicolor/scalable/apps/${app_id}.svg
./usr/share/kpi-collector/${app_id}-autostart.desktop
./usr/share/metainfo/${app_id}.metainfo.xml
LIST
dpkg-deb -c "$deb" >"$work/contents"
awk '$1 !~ /^d/ {print $6}' "$work/contents" | sort >"$work/actual"
if ! diff -u "$work/expected" "$work/actual"; then
  fail "the package's files differ from the expected list (- expected, + packed)"
fi
if awk '$2 != "root/root"' "$work/contents" | grep -q .; then
  fail "files not owned by root/root:"$'\n'"$(awk '$2 != "root/root"' "$work/contents")"
fi

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = kpi-collector ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), expected $version"
for name in Maintainer Section Homepage Description; do
  [ -n "$(field $name)" ] || fail "no $name field"
done

# "name", perhaps with a version constraint, as an item or an alternative of a relation field.
has_relation() { grep -Eq "(^|, |\| )$2( \(| \||,|$)" <<<"$(field "$1")"; }
for package in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6keychain1 \
               libqt6sql6-sqlite libqt6svg6; do
  has_relation Depends "$package" || fail "Depends lacks $package: $(field Depends)"
done
for package in libqt6sql6-psql qt6-qpa-plugins gnome-keyring; do
  has_relation Recommends "$package" || fail "Recommends lacks $package: $(field Recommends)"
done

# The packed (stripped) binary still runs; --version needs no display and no keychain.
dpkg-deb -x "$deb" "$work/root"
output=$("$work/root/usr/bin/kpi-collector" --version 2>&1) || fail "kpi-collector --version failed: $output"
grep -qF "$version" <<<"$output" || fail "kpi-collector --version printed '$output', expected $version"

if [ $failures -ne 0 ]; then
  echo "--- dpkg-deb -I"; dpkg-deb -I "$deb"
  exit 1
fi
echo "ok: $(basename "$deb"): $(wc -l <"$work/actual") files"
echo "Depends: $(field Depends)"
