#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates AppStream metainfo offline and pedantically (errors and warnings fail; infos and
# pedantic notes are printed), then checks what appstreamcli only notes: the fields software
# centres need, and a <release> for the version being built. Exits 77 (skipped) when
# appstreamcli is missing.
# Usage: check-metainfo.sh FILE.metainfo.xml APP_ID VERSION
set -euo pipefail
file=$1 app_id=$2 version=$3
command -v appstreamcli >/dev/null || { echo "skip: appstreamcli not installed"; exit 77; }
appstreamcli validate --no-net --pedantic --explain "$file"

status=0
for needle in "<id>$app_id</id>" \
              '<metadata_license>CC0-1.0</metadata_license>' \
              '<project_license>GPL-3.0-or-later</project_license>' \
              "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
              '<binary>kpi-collector</binary>' \
              '<content_rating type="oars-1.1"' \
              '<url type="homepage">' \
              '<developer_name>' \
              "<release version=\"$version\" date=\""; do
  grep -qF "$needle" "$file" || { echo "FAIL: $file lacks $needle" >&2; status=1; }
done
exit $status
