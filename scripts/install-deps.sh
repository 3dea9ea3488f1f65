#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages KPI Collector needs to build, run and test.
# Idempotent: asks apt only for what is missing. Works as root, or as a user with sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # Qt 6.4 and the libraries core/ and ui/ link
  qt6-base-dev qt6-charts-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-l10n-tools qt6-tools-dev qt6-qpa-plugins qtkeychain-qt6-dev
  libqt6sql6-sqlite libqt6sql6-psql libxml2-dev libsecret-1-dev libgl1-mesa-dev
  # the keychain tests: a private D-Bus session with a real Secret Service
  dbus dbus-x11 gnome-keyring procps
  # the store's tests also run against a throw-away PostgreSQL server
  postgresql
  # looking at the window without a desktop
  xvfb xauth
  # the .deb (cpack; dpkg-shlibdeps derives its Depends) and the packaging tests: desktop
  # entries, AppStream metainfo, the systemd user unit (systemd-analyze)
  dpkg-dev desktop-file-utils appstream systemd
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root, or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
