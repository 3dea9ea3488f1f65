// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "destinations/DiscordDestination.h"

#include "report/HumanFormat.h"
#include "report/Report.h"
#include "workspace/WorkspaceLoader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace kpi::destinations {

namespace {

using report::HumanFormat::change;
using report::HumanFormat::marker;
using report::HumanFormat::value;

constexpr int ColorUp = 0x2ea043;
constexpr int ColorDown = 0xda3633;
constexpr int ColorNeutral = 0x5865f2;

// Characters as Discord counts them: code points, not UTF-16 units.
int characters(const QString &text)
{
    return int(text.toUcs4().size());
}

// At most `limit` characters, with a visible ellipsis when something had to go.
QString fit(const QString &text, int limit)
{
    if (characters(text) <= limit)
        return text;
    const QList<uint> points = text.toUcs4();
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), limit - 1) +
           QStringLiteral("…");
}

// Labels are the user's text: markdown in them must not format the digest.
QString escapeMarkdown(QString text)
{
    static const QRegularExpression special(QStringLiteral(R"(([\\*_~`|>#\[\]]))"));
    return text.replace(special, QStringLiteral(R"(\\1)"));
}

struct Field
{
    QString name;
    QString value;
    int size() const { return characters(name) + characters(value); }
};

} // namespace

DiscordDestination::DiscordDestination(workspace::DestinationConfig config, net::HttpClient *client,
                                       QObject *parent)
    : HttpDestination(std::move(config), client, parent)
{ }

int DiscordDestination::embedCharacters(const QJsonObject &embed)
{
    int total = characters(embed.value(QLatin1String("title")).toString()) +
                characters(embed.value(QLatin1String("description")).toString()) +
                characters(embed.value(QLatin1String("footer"))
                               .toObject()
                               .value(QLatin1String("text"))
                               .toString()) +
                characters(embed.value(QLatin1String("author"))
                               .toObject()
                               .value(QLatin1String("name"))
                               .toString());
    for (const QJsonValue &field : embed.value(QLatin1String("fields")).toArray())
        total += characters(field.toObject().value(QLatin1String("name")).toString()) +
                 characters(field.toObject().value(QLatin1String("value")).toString());
    return total;
}

QList<QJsonObject> DiscordDestination::messages(const QJsonObject &payload, const QString &username)
{
    const report::Report report = report::Report::fromPayload(payload);
    const bool digest = report.compareDays > 0;
    const QString title =
        fit(report::HumanFormat::title(report), MaxTitle - 12); // room for " (part 9/9)"
    const QString subtitle = report::HumanFormat::subtitle(report);

    // The North Star gets an embed of its own, at the top; every other metric is a field.
    QJsonObject headline;
    QList<Field> fields;
    for (const report::MetricLine &line : std::as_const(report.lines)) {
        const QString label = escapeMarkdown(line.label);
        const QString changeText =
            digest ? QStringLiteral("%1 %2").arg(marker(line), change(line)) : QString();
        if (line.northStar && headline.isEmpty()) {
            headline = {
                {QStringLiteral("title"), fit(QStringLiteral("★ ") + line.label, MaxTitle)},
                {QStringLiteral("description"),
                 fit(QStringLiteral("# %1\n%2").arg(escapeMarkdown(value(line)), changeText),
                     MaxDescription)},
                {QStringLiteral("color"), !digest || !line.improved() ? ColorNeutral
                                          : *line.improved()          ? ColorUp
                                                                      : ColorDown}};
            continue;
        }
        fields.append(
            {fit(label, MaxFieldName),
             fit(changeText.isEmpty() ? QStringLiteral("**%1**").arg(value(line))
                                      : QStringLiteral("**%1**\n%2").arg(value(line), changeText),
                 MaxFieldValue)});
    }

    // Pack: fields into embeds (≤25 each), embeds into messages (≤10 and ≤6,000 characters
    // each, with room kept for the title and the footer that say which part it is).
    const int reserve = characters(title) + 12 + characters(subtitle) + 40;
    QList<QJsonArray> messageEmbeds{{}};
    int used = 0;
    if (!headline.isEmpty()) {
        messageEmbeds.last().append(headline);
        used += embedCharacters(headline);
    }
    QJsonArray currentFields;
    const auto closeEmbed = [&] {
        if (currentFields.isEmpty())
            return;
        messageEmbeds.last().append(QJsonObject{{QStringLiteral("fields"), currentFields},
                                                {QStringLiteral("color"), ColorNeutral}});
        currentFields = {};
    };
    for (const Field &field : std::as_const(fields)) {
        const bool messageFull =
            used + reserve + field.size() > MaxEmbedCharactersPerMessage ||
            (currentFields.isEmpty() && messageEmbeds.last().size() >= MaxEmbedsPerMessage);
        if (messageFull) {
            closeEmbed();
            messageEmbeds.append(QJsonArray{});
            used = 0;
        } else if (currentFields.size() >= MaxFieldsPerEmbed) {
            closeEmbed();
            if (messageEmbeds.last().size() >= MaxEmbedsPerMessage) {
                messageEmbeds.append(QJsonArray{});
                used = 0;
            }
        }
        currentFields.append(QJsonObject{{QStringLiteral("name"), field.name},
                                         {QStringLiteral("value"), field.value},
                                         {QStringLiteral("inline"), true}});
        used += field.size();
    }
    closeEmbed();

    QList<QJsonObject> bodies;
    const qsizetype count = messageEmbeds.size();
    for (qsizetype i = 0; i < count; ++i) {
        QJsonArray embeds = messageEmbeds.at(i);
        const QString part =
            count > 1 ? QStringLiteral(" (%1/%2)").arg(i + 1).arg(count) : QString();
        // The first embed carries the digest's title; the last its footer.
        QJsonObject first = embeds.isEmpty() ? QJsonObject{} : embeds.first().toObject();
        if (first.contains(QLatin1String("title"))) {
            // The North Star's embed keeps its own title; the digest's goes in its author line.
            first.insert(QStringLiteral("author"),
                         QJsonObject{{QStringLiteral("name"), QString(title + part)}});
        } else {
            first.insert(QStringLiteral("title"), QString(title + part));
            first.insert(QStringLiteral("description"), subtitle);
        }
        if (embeds.isEmpty())
            embeds.append(first);
        else
            embeds.replace(0, first);
        QJsonObject last = embeds.last().toObject();
        last.insert(
            QStringLiteral("footer"),
            QJsonObject{{QStringLiteral("text"),
                         digest && first.contains(QLatin1String("author"))
                             ? tr("Compared with %1 · KPI Collector")
                                   .arg(report::HumanFormat::comparedWith(report.compareDays))
                             : QStringLiteral("KPI Collector")}});
        if (!report.at.isNull())
            last.insert(QStringLiteral("timestamp"), report.at.toUTC().toString(Qt::ISODate));
        embeds.replace(embeds.size() - 1, last);

        QJsonObject body{{QStringLiteral("embeds"), embeds},
                         // Labels are the user's text: they must never ping anyone.
                         {QStringLiteral("allowed_mentions"),
                          QJsonObject{{QStringLiteral("parse"), QJsonArray{}}}}};
        if (report.lines.isEmpty())
            body.insert(QStringLiteral("content"), tr("No values collected yet."));
        if (!username.isEmpty())
            body.insert(QStringLiteral("username"), username);
        bodies.append(body);
    }
    return bodies;
}

Result<QList<net::HttpRequest>> DiscordDestination::requests(const DeliveryItem &item,
                                                             const SecretValues &secrets) const
{
    using R = Result<QList<net::HttpRequest>>;
    const QString hookName = secretName(QStringLiteral("webhook"));
    const bool previewOnly = !secrets.contains(hookName);
    QUrl url(secretOr(secrets, hookName, QStringLiteral("https://discord.com/api/webhooks/")),
             QUrl::StrictMode);
    if (!previewOnly && (!url.isValid() || (url.scheme() != QLatin1String("https") &&
                                            url.scheme() != QLatin1String("http")))) {
        return R::error(Error::Code::InvalidInput,
                        tr("the secret \"%1\" is not a Discord webhook URL").arg(hookName));
    }
    // Discord answers 204 without a body unless asked to wait; with wait=true it posts the
    // message before it answers, and says so.
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("wait"));
    query.addQueryItem(QStringLiteral("wait"), QStringLiteral("true"));
    url.setQuery(query);

    const QString username = config().settings.value(QLatin1String("username")).toString();
    if (!username.isEmpty()) {
        // The loader refuses such a name already; a workspace edited by hand since is not.
        if (const QString problem = workspace::WorkspaceLoader::discordUsernameProblem(username);
            !problem.isEmpty())
            return R::error(Error::Code::InvalidInput, problem, QStringLiteral("username"));
    }
    QList<net::HttpRequest> requests;
    for (const QJsonObject &body : messages(item.payload, username)) {
        net::HttpRequest request;
        request.method = "POST";
        request.url = url;
        request.secretUrl = true;
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.setHeader("Content-Type", "application/json");
        requests.append(request);
    }
    return R::ok(requests);
}

} // namespace kpi::destinations
