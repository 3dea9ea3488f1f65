#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is needed, builds everything with warnings as errors, and runs every
# test. Keychain tests start their own D-Bus session and unlocked keyring
# (scripts/with-keyring.sh); no display is needed (QT_QPA_PLATFORM=offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci
ctest --preset ci
