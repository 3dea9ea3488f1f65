// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "util/Logging.h"

// The network and the pipeline are chatty at debug level: show info and up by default.
Q_LOGGING_CATEGORY(lcNet, "kpi.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "kpi.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "kpi.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWorkspace, "kpi.workspace", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPipeline, "kpi.pipeline", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSchedule, "kpi.schedule", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSourcesHttpJson, "kpi.sources.http-json", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSourcesHtml, "kpi.sources.html", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "kpi.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "kpi.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDelivery, "kpi.delivery", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDestinations, "kpi.destinations", QtInfoMsg)
