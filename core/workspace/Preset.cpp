// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "workspace/Preset.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace kpi::workspace {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::workspace::Preset", text);
}

const QRegularExpression &placeholder()
{
    static const QRegularExpression pattern(
        QStringLiteral("\\{([A-Za-z][A-Za-z0-9]*)(?:\\|([a-z0-9]+))?\\}"));
    return pattern;
}

const QStringList &filters()
{
    static const QStringList names{QStringLiteral("lower"), QStringLiteral("upper"),
                                   QStringLiteral("pep503")};
    return names;
}

QString applyFilter(const QString &value, const QString &filter)
{
    if (filter == QLatin1String("lower"))
        return value.toLower();
    if (filter == QLatin1String("upper"))
        return value.toUpper();
    if (filter == QLatin1String("pep503")) {
        // PEP 503's normalised name: what pypistats.org stores, which answers 404 for
        // "Django" or "zope.interface" as written.
        static const QRegularExpression runs(QStringLiteral("[-_.]+"));
        return value.toLower().replace(runs, QStringLiteral("-"));
    }
    return value;
}

// The strings of a preset that are templates, with where they are, for the load check.
void collectTemplates(const Preset &preset, QList<std::pair<QString, QString>> &out)
{
    out.append(
        {QStringLiteral("request.url"), preset.request.value(QLatin1String("url")).toString()});
    const QJsonObject headers = preset.request.value(QLatin1String("headers")).toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        if (it->isString())
            out.append({QStringLiteral("request.headers.") + it.key(), it->toString()});
    }
    for (qsizetype i = 0; i < preset.metrics.size(); ++i) {
        const QJsonObject metric = preset.metrics.at(i).toObject();
        const QString at = QStringLiteral("metrics[%1].").arg(i);
        out.append({at + QStringLiteral("key"), metric.value(QLatin1String("key")).toString()});
        out.append({at + QStringLiteral("label"), metric.value(QLatin1String("label")).toString()});
    }
}

} // namespace

const PresetParam *Preset::param(const QString &name) const
{
    for (const auto &p : params) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

const PresetSecret *Preset::secret(const QString &name) const
{
    for (const auto &s : secrets) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

QStringList Preset::paramNames() const
{
    QStringList names;
    for (const auto &p : params)
        names.append(p.name);
    return names;
}

QStringList Preset::secretNames() const
{
    QStringList names;
    for (const auto &s : secrets)
        names.append(s.name);
    return names;
}

QString Preset::fill(const QString &text, const QHash<QString, QString> &values,
                     const QSet<QString> &rawValues, bool inUrl)
{
    QString out;
    qsizetype last = 0;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += QStringView(text).mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        QString value = applyFilter(values.value(name), match.captured(2));
        if (inUrl && !rawValues.contains(name))
            value = QString::fromLatin1(QUrl::toPercentEncoding(value, "/@"));
        out += value;
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

QStringList Preset::templateProblems(const QString &text, const Preset &preset)
{
    QStringList problems;
    auto it = placeholder().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        if (!preset.param(match.captured(1)))
            problems.append(tr("\"{%1}\" is not a parameter").arg(match.captured(1)));
        if (match.hasCaptured(2) && !filters().contains(match.captured(2)))
            problems.append(tr("unknown filter \"%1\"").arg(match.captured(2)));
    }
    // A brace left over is a placeholder mistyped.
    QString rest = text;
    rest.remove(placeholder());
    if (rest.contains(QLatin1Char('{')) || rest.contains(QLatin1Char('}')))
        problems.append(tr("a \"{\" or \"}\" that is not a placeholder"));
    return problems;
}

Result<Preset> Preset::fromJson(const QByteArray &json)
{
    const auto fail = [](const QString &message) {
        return Result<Preset>::error(Error::Code::InvalidInput, message);
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(tr("not a JSON object: %1").arg(parseError.errorString()));
    const QJsonObject root = document.object();

    Preset preset;
    preset.id = root.value(QLatin1String("preset")).toString();
    preset.label = root.value(QLatin1String("label")).toString();
    preset.description = root.value(QLatin1String("description")).toString();
    preset.documentation = root.value(QLatin1String("documentation")).toString();
    preset.request = root.value(QLatin1String("request")).toObject();
    preset.metrics = root.value(QLatin1String("metrics")).toArray();
    if (preset.id.isEmpty() || preset.label.isEmpty())
        return fail(tr("\"preset\" and \"label\" are required"));

    const QJsonObject params = root.value(QLatin1String("params")).toObject();
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        const QJsonObject spec = it->toObject();
        PresetParam param;
        param.name = it.key();
        param.required = spec.value(QLatin1String("required")).toBool();
        param.defaultValue = spec.value(QLatin1String("default")).toString();
        param.isUrl = spec.value(QLatin1String("type")).toString() == QLatin1String("url");
        param.advanced = spec.value(QLatin1String("advanced")).toBool();
        param.description = spec.value(QLatin1String("description")).toString();
        param.example = spec.value(QLatin1String("example")).toString();
        if (const QString pattern = spec.value(QLatin1String("pattern")).toString();
            !pattern.isEmpty()) {
            param.pattern = QRegularExpression(pattern);
            if (!param.pattern.isValid())
                return fail(
                    tr("params.%1.pattern: %2").arg(param.name, param.pattern.errorString()));
        }
        if (param.required == !param.defaultValue.isEmpty())
            return fail(
                tr("params.%1: a parameter is either required or has a default").arg(param.name));
        if (param.description.isEmpty() || param.example.isEmpty())
            return fail(
                tr("params.%1: \"description\" and \"example\" are required").arg(param.name));
        preset.params.append(param);
    }
    // Required parameters first, as people read them.
    std::stable_sort(
        preset.params.begin(), preset.params.end(), [](const PresetParam &a, const PresetParam &b) {
            return a.required > b.required || (a.required == b.required && a.advanced < b.advanced);
        });

    const QJsonObject secrets = root.value(QLatin1String("secrets")).toObject();
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it) {
        const QJsonObject spec = it->toObject();
        preset.secrets.append({it.key(), spec.value(QLatin1String("required")).toBool(),
                               spec.value(QLatin1String("description")).toString()});
    }

    if (preset.request.value(QLatin1String("url")).toString().isEmpty())
        return fail(tr("request.url is required"));
    if (preset.metrics.isEmpty())
        return fail(tr("at least one metric is required"));
    QList<std::pair<QString, QString>> templates;
    collectTemplates(preset, templates);
    for (const auto &[where, text] : std::as_const(templates)) {
        const QStringList problems = templateProblems(text, preset);
        if (!problems.isEmpty())
            return fail(where + QStringLiteral(": ") + problems.join(QStringLiteral("; ")));
    }
    // Secret references: {"secret": "slot"} in headers, and auth.secret.
    QStringList slots;
    const QJsonObject headers = preset.request.value(QLatin1String("headers")).toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        if (it->isObject())
            slots.append(it->toObject().value(QLatin1String("secret")).toString());
    }
    const QJsonObject auth = preset.request.value(QLatin1String("auth")).toObject();
    if (!auth.isEmpty())
        slots.append(auth.value(QLatin1String("secret")).toString());
    for (const QString &slot : std::as_const(slots)) {
        if (!preset.secret(slot))
            return fail(tr("the secret \"%1\" is used but not declared in \"secrets\"").arg(slot));
    }
    return Result<Preset>::ok(preset);
}

} // namespace kpi::workspace
