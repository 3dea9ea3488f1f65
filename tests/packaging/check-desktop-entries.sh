#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates desktop entries with desktop-file-validate (desktop-file-utils): hints pass, errors
# and warnings fail. Also pins what other parts rely on: the icon is the application id, and
# the autostart entry starts `kpi-collector --minimized` (the app accepts that flag).
# Exits 77 (skipped) when desktop-file-validate is missing.
# Usage: check-desktop-entries.sh APP_ID FILE.desktop...
set -euo pipefail
app_id=$1
shift
command -v desktop-file-validate >/dev/null || { echo "skip: desktop-file-validate not installed"; exit 77; }

status=0
expect() { grep -qxF "$2" "$1" || { echo "FAIL: $1 lacks the line $2" >&2; status=1; }; }
for file in "$@"; do
  output=$(desktop-file-validate "$file" 2>&1) || status=1
  [ -z "$output" ] || echo "$output"
  if grep -qE ': (error|warning): ' <<<"$output"; then
    status=1
  fi
  expect "$file" "Icon=$app_id"
  case $file in
    *-autostart.desktop)
      expect "$file" 'Exec=kpi-collector --minimized'
      expect "$file" 'X-GNOME-Autostart-enabled=true' ;;
    *)
      expect "$file" 'Exec=kpi-collector' ;;
  esac
done
[ $status -eq 0 ] && echo "ok: $# desktop entries valid"
exit $status
