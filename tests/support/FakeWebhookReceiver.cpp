// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "FakeWebhookReceiver.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace kpi::test {

FakeWebhookReceiver::FakeWebhookReceiver(QByteArray signingSecret)
    : m_signingSecret(std::move(signingSecret))
{
    m_server.route(SecretPath, [this](const RecordedRequest &request) { return answer(request); });
}

FakeResponse FakeWebhookReceiver::answer(const RecordedRequest &request)
{
    const auto reject = [this](int status, const QByteArray &why) {
        rejections.append(why);
        return FakeResponse::json("{\"message\": \"" + why + "\"}", status);
    };
    if (request.method != "POST")
        return reject(405, "method not allowed");
    if (!request.header("Content-Type").startsWith("application/json"))
        return reject(415, "expected application/json");
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    if (!body.isObject() || !body.object().value(QLatin1String("deliveryId")).isString())
        return reject(400, "expected a JSON object with a deliveryId");
    if (QString::fromUtf8(request.header("X-KPI-Delivery")) !=
        body.object().value(QLatin1String("deliveryId")).toString())
        return reject(400, "X-KPI-Delivery does not match the body");
    if (!m_signingSecret.isEmpty()) {
        // What docs/destinations.md tells receivers to do.
        const QByteArray timestamp = request.header("X-KPI-Timestamp");
        bool numeric = false;
        timestamp.toLongLong(&numeric);
        const QByteArray expected = "sha256=" + QMessageAuthenticationCode::hash(
                                                    timestamp + '.' + request.body, m_signingSecret,
                                                    QCryptographicHash::Sha256)
                                                    .toHex();
        if (!numeric || request.header("X-KPI-Signature") != expected)
            return reject(401, "invalid signature");
    }
    if (!script.isEmpty())
        return script.takeFirst();
    received.append(body.object());
    return FakeResponse::json("{\"ok\": true}");
}

} // namespace kpi::test
