// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/SlackDestination.h"

#include "net/HttpResponse.h"
#include "report/HumanFormat.h"
#include "report/Report.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace kpi::destinations {

namespace {

using report::HumanFormat::change;
using report::HumanFormat::marker;
using report::HumanFormat::value;

// At most `limit` characters, with a visible ellipsis when something had to go.
QString fit(const QString &text, int limit)
{
    return text.size() <= limit ? text : text.left(limit - 1) + QStringLiteral("…");
}

// Slack's mrkdwn takes &, < and > as control characters
// (https://api.slack.com/reference/surfaces/formatting#escaping).
QString escape(QString text)
{
    return text.replace(QLatin1Char('&'), QLatin1String("&amp;"))
        .replace(QLatin1Char('<'), QLatin1String("&lt;"))
        .replace(QLatin1Char('>'), QLatin1String("&gt;"));
}

QJsonObject mrkdwn(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("mrkdwn")}, {QStringLiteral("text"), text}};
}

} // namespace

SlackDestination::SlackDestination(workspace::DestinationConfig config, net::HttpClient *client,
                                   QObject *parent)
    : HttpDestination(std::move(config), client, parent)
{ }

QList<QJsonObject> SlackDestination::messages(const QJsonObject &payload)
{
    const report::Report report = report::Report::fromPayload(payload);
    const bool digest = report.compareDays > 0;
    const QString title = report::HumanFormat::title(report);
    const QString subtitle = report::HumanFormat::subtitle(report);

    QJsonArray northStar;
    QJsonArray fields;
    QStringList summary; // the plain `text` for notifications
    for (const report::MetricLine &line : std::as_const(report.lines)) {
        const QString changeText =
            digest ? QStringLiteral("%1 %2").arg(marker(line), change(line)) : QString();
        if (line.northStar && northStar.isEmpty()) {
            northStar.append(QJsonObject{
                {QStringLiteral("type"), QStringLiteral("section")},
                {QStringLiteral("text"),
                 mrkdwn(fit(QStringLiteral("★ *%1*\n*%2*   %3")
                                .arg(escape(line.label), escape(value(line)), changeText),
                            MaxSectionText))}});
            summary.prepend(
                QStringLiteral("%1: %2 %3").arg(line.label, value(line), changeText).trimmed());
            continue;
        }
        fields.append(mrkdwn(fit(QStringLiteral("*%1*\n%2   %3")
                                     .arg(escape(line.label), escape(value(line)), changeText),
                                 MaxFieldText)));
    }

    // Header and context open the first message; the metrics follow in sections of ten.
    QJsonArray blocks;
    blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("header")},
                              {QStringLiteral("text"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("plain_text")},
                                           {QStringLiteral("text"), fit(title, MaxHeaderText)}}}});
    blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("context")},
                              {QStringLiteral("elements"), QJsonArray{mrkdwn(escape(subtitle))}}});
    for (const QJsonValue &block : std::as_const(northStar))
        blocks.append(block);
    if (!northStar.isEmpty() && !fields.isEmpty())
        blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("divider")}});
    for (qsizetype i = 0; i < fields.size(); i += MaxFieldsPerSection) {
        QJsonArray sectionFields;
        for (qsizetype j = i; j < std::min(fields.size(), i + MaxFieldsPerSection); ++j)
            sectionFields.append(fields.at(j));
        blocks.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                                  {QStringLiteral("fields"), sectionFields}});
    }
    if (report.lines.isEmpty())
        blocks.append(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("section")},
                        {QStringLiteral("text"), mrkdwn(tr("No values collected yet."))}});

    QList<QJsonObject> bodies;
    const qsizetype count = (blocks.size() + MaxBlocksPerMessage - 1) / MaxBlocksPerMessage;
    for (qsizetype part = 0; part < count; ++part) {
        QJsonArray slice;
        for (qsizetype i = part * MaxBlocksPerMessage;
             i < std::min(blocks.size(), (part + 1) * MaxBlocksPerMessage); ++i)
            slice.append(blocks.at(i));
        QString text = title;
        if (count > 1)
            text += QStringLiteral(" (%1/%2)").arg(part + 1).arg(count);
        if (part == 0 && !summary.isEmpty())
            text += QStringLiteral(": ") + summary.first();
        bodies.append(
            QJsonObject{{QStringLiteral("text"), escape(text)}, {QStringLiteral("blocks"), slice}});
    }
    return bodies;
}

Result<QList<net::HttpRequest>> SlackDestination::requests(const DeliveryItem &item,
                                                           const SecretValues &secrets) const
{
    using R = Result<QList<net::HttpRequest>>;
    const QString hookName = secretName(QStringLiteral("webhook"));
    const bool previewOnly = !secrets.contains(hookName);
    const QUrl url(secretOr(secrets, hookName, QStringLiteral("https://hooks.slack.com/services/")),
                   QUrl::StrictMode);
    if (!previewOnly && (!url.isValid() || (url.scheme() != QLatin1String("https") &&
                                            url.scheme() != QLatin1String("http")))) {
        return R::error(Error::Code::InvalidInput,
                        tr("the secret \"%1\" is not a Slack webhook URL").arg(hookName));
    }
    QList<net::HttpRequest> requests;
    for (const QJsonObject &body : messages(item.payload)) {
        net::HttpRequest request;
        request.method = "POST";
        request.url = url;
        request.secretUrl = true;
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.setHeader("Content-Type", "application/json; charset=utf-8");
        requests.append(request);
    }
    return R::ok(requests);
}

DeliveryOutcome SlackDestination::outcomeOf(const net::HttpResponse &response) const
{
    // Slack answers a posted message with 200 and the body "ok"; an error has its own
    // status and a short code as the body ("invalid_blocks", "no_service", …).
    DeliveryOutcome outcome = HttpDestination::outcomeOf(response);
    if (outcome.kind == DeliveryOutcome::Kind::Delivered && response.body.trimmed() != "ok")
        return DeliveryOutcome::permanent(tr("Slack answered %1 without confirming the message: %2")
                                              .arg(response.status)
                                              .arg(QString::fromUtf8(response.body.left(200))),
                                          response.status);
    return outcome;
}

} // namespace kpi::destinations
