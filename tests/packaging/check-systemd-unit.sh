#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the systemd user unit with `systemd-analyze verify --user`: syntax, unknown keys and
# sections, and that ExecStart runs something. The unit names its binary bare (systemd finds it
# in /usr/bin or /usr/local/bin once installed), so a copy pointing at the built binary is
# checked. Any complaint fails. Exits 77 (skipped) when systemd-analyze is missing.
# Usage: check-systemd-unit.sh UNIT BINARY
set -euo pipefail
unit=$1 binary=$2
command -v systemd-analyze >/dev/null || { echo "skip: systemd-analyze not installed"; exit 77; }
[ -x "$binary" ] || { echo "FAIL: $binary is not built" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
grep -q '^ExecStart=kpi-collector ' "$unit" || { echo "FAIL: ExecStart should run 'kpi-collector ...'" >&2; exit 1; }
sed "s|^ExecStart=kpi-collector |ExecStart=$binary |" "$unit" >"$work/$(basename "$unit")"

# A user manager needs a runtime directory; a container or CI job may have none.
export XDG_RUNTIME_DIR=$work
mkdir -p "$work/home"
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config
output=$(systemd-analyze verify --user --man=no "$work/$(basename "$unit")" 2>&1) && status=0 || status=$?
if [ $status -ne 0 ] || [ -n "$output" ]; then
  echo "$output"
  echo "FAIL: systemd-analyze verify complained (exit $status)" >&2
  exit 1
fi
echo "ok: $(basename "$unit") verifies"
