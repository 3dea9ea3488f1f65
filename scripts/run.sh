#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is needed, builds KPI Collector, and starts it. Arguments go to the app,
# so `scripts/run.sh collect --dry-run` works too.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset default
cmake --build --preset default --target kpi-collector
exec build/default/app/kpi-collector "$@"
