#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command against a fresh, unlocked, throw-away keyring on a private D-Bus session,
# so keychain tests exercise the real Secret Service without a desktop and never touch the
# keyring of the person running them.
# Usage: scripts/with-keyring.sh COMMAND [ARGS...]
set -eu

if [ -z "${KPI_KEYRING_SESSION:-}" ]; then
    exec dbus-run-session -- env KPI_KEYRING_SESSION=1 "$0" "$@"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kpi-keyring.XXXXXX")
cleanup() {
    # The daemon outlives nothing but our bus; stop it before removing its files.
    [ -n "${keyring_pid:-}" ] && kill "$keyring_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

export HOME="$scratch/home"
export XDG_RUNTIME_DIR="$scratch/run"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

eval "$(printf 'kpi-test-keyring\n' | gnome-keyring-daemon --unlock --components=secrets)"
# Our daemon, not merely the newest: under `ctest -j` several keyrings run at once, and
# stopping another test's would fail it. Ours is the one with our runtime folder.
keyring_pid=
for pid in $(pgrep -u "$(id -u)" gnome-keyring-d || true); do
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qxF "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"; then
        keyring_pid=$pid
    fi
done

"$@"
