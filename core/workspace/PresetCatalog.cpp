// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "workspace/PresetCatalog.h"

#include "secrets/SecretStore.h"
#include "util/Logging.h"
#include "workspace/JsonObjectReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QUrl>

#include <algorithm>

namespace kpi::workspace {

namespace {

using Need = JsonObjectReader::Need;

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::workspace::PresetCatalog", text);
}

// The keys of an ordinary source that a preset source may set too; checked later, at the
// same place, by the loader.
const QStringList &passThroughKeys()
{
    static const QStringList keys{QStringLiteral("id"),
                                  QStringLiteral("label"),
                                  QStringLiteral("enabled"),
                                  QStringLiteral("timeoutSeconds"),
                                  QStringLiteral("maxResponseBytes"),
                                  QStringLiteral("attempts")};
    return keys;
}

// "repo (required), keyPrefix, baseUrl": what a message lists when a name is wrong.
QString describeParams(const Preset &preset)
{
    QStringList names;
    for (const auto &param : preset.params)
        names.append(param.required ? param.name + tr(" (required)") : param.name);
    return names.join(QStringLiteral(", "));
}

std::optional<QString> checkUrlParam(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return tr("expected an http or https address without a query, such as "
                  "\"https://api.example.com\"");
    return std::nullopt;
}

QJsonValue expandSecretRef(const QJsonValue &ref, const QHash<QString, QString> &secretNames)
{
    const QString slot = ref.toObject().value(QLatin1String("secret")).toString();
    if (!secretNames.contains(slot))
        return QJsonValue::Undefined;
    return QJsonObject{{QStringLiteral("secret"), secretNames.value(slot)}};
}

} // namespace

const PresetCatalog &PresetCatalog::builtIn()
{
    static const PresetCatalog catalog = [] {
        PresetCatalog loaded = load(QStringLiteral(":/presets"));
        for (const Error &error : loaded.loadErrors())
            qCWarning(lcWorkspace).noquote() << "preset" << error.toString();
        return loaded;
    }();
    return catalog;
}

PresetCatalog PresetCatalog::load(const QString &folder)
{
    PresetCatalog catalog;
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            catalog.m_loadErrors.append(
                {Error::Code::NotFound, file.errorString(), file.fileName()});
            continue;
        }
        auto preset = Preset::fromJson(file.readAll());
        if (!preset) {
            Error error = preset.error();
            error.where = file.fileName();
            catalog.m_loadErrors.append(error);
            continue;
        }
        if (preset->id + QStringLiteral(".json") != name) {
            catalog.m_loadErrors.append(
                {Error::Code::InvalidInput,
                 tr("the file is not named after its preset \"%1\"").arg(preset->id),
                 file.fileName()});
            continue;
        }
        catalog.m_presets.append(*preset);
    }
    return catalog;
}

QStringList PresetCatalog::ids() const
{
    QStringList ids;
    for (const auto &preset : m_presets)
        ids.append(preset.id);
    return ids;
}

const Preset *PresetCatalog::find(const QString &id) const
{
    for (const auto &preset : m_presets) {
        if (preset.id == id)
            return &preset;
    }
    return nullptr;
}

bool PresetCatalog::isPresetSource(const QJsonValue &source)
{
    return source.isObject() && source.toObject().contains(QLatin1String("preset"));
}

std::optional<QJsonObject> PresetCatalog::expand(const QJsonObject &source, const QString &location,
                                                 QList<Error> *errors) const
{
    const qsizetype errorsBefore = errors->size();
    JsonObjectReader reader(source, location, errors);
    const auto id = reader.string(QStringLiteral("preset"), Need::Required);
    if (!id)
        return std::nullopt;
    const Preset *preset = find(*id);
    if (!preset) {
        // Without the preset there is no telling which params belong: report just this.
        reader.error(QStringLiteral("preset"), tr("unknown preset \"%1\"; the presets are: %2")
                                                   .arg(*id, ids().join(QStringLiteral(", "))));
        return std::nullopt;
    }

    QJsonObject expanded{{QStringLiteral("type"), QStringLiteral("http-json")}};
    for (const QString &key : passThroughKeys()) {
        const QJsonValue value = reader.value(key);
        if (!value.isUndefined())
            expanded.insert(key, value);
    }
    if (source.contains(QLatin1String("type"))) {
        reader.value(QStringLiteral("type"));
        reader.error(QStringLiteral("type"),
                     tr("a source with a \"preset\" has no \"type\": the preset \"%1\" makes it "
                        "http-json")
                         .arg(preset->id));
    }

    // Parameters: each given one checked, the missing ones defaulted or reported.
    QHash<QString, QString> values;
    QSet<QString> rawValues;
    const bool anyRequired = std::any_of(preset->params.cbegin(), preset->params.cend(),
                                         [](const PresetParam &p) { return p.required; });
    if (!reader.contains(QStringLiteral("params")) && anyRequired) {
        reader.error(
            QStringLiteral("params"),
            tr("required; the preset \"%1\" takes: %2").arg(preset->id, describeParams(*preset)));
    } else if (const auto params = reader.object(QStringLiteral("params"))) {
        JsonObjectReader paramReader(*params, reader.locationOf(QStringLiteral("params")), errors);
        for (const PresetParam &param : preset->params) {
            const QJsonValue value = paramReader.value(param.name);
            QString text = param.defaultValue;
            if (value.isUndefined()) {
                if (param.required)
                    paramReader.error(
                        param.name,
                        tr("required: %1, such as \"%2\"").arg(param.description, param.example));
            } else if (!value.isString()) {
                paramReader.error(param.name, tr("expected a string: %1, such as \"%2\"; got %3")
                                                  .arg(param.description, param.example,
                                                       JsonObjectReader::describe(value)));
            } else {
                text = value.toString();
                if (param.isUrl) {
                    if (const auto problem = checkUrlParam(text))
                        paramReader.error(param.name, *problem);
                } else if (text.isEmpty() || (param.pattern.pattern().size() &&
                                              !param.pattern.match(text).hasMatch())) {
                    paramReader.error(param.name, tr("expected %1, such as \"%2\"; got \"%3\"")
                                                      .arg(param.description, param.example, text));
                }
            }
            if (param.isUrl) {
                rawValues.insert(param.name);
                while (text.endsWith(QLatin1Char('/')))
                    text.chop(1);
            }
            values.insert(param.name, text);
        }
        paramReader.finish();
    } else {
        for (const PresetParam &param : preset->params) {
            values.insert(param.name, param.defaultValue);
            if (param.isUrl)
                rawValues.insert(param.name);
        }
    }

    // Secrets: slot name to the name of a secret in the store, never a value.
    QHash<QString, QString> secretNames;
    if (const auto secrets = reader.object(QStringLiteral("secrets"))) {
        const QString secretsAt = reader.locationOf(QStringLiteral("secrets"));
        JsonObjectReader secretReader(*secrets, secretsAt, errors, JsonObjectReader::Echo::Hidden);
        for (auto it = secrets->constBegin(); it != secrets->constEnd(); ++it) {
            secretReader.value(it.key());
            if (!preset->secret(it.key())) {
                secretReader.error(
                    it.key(),
                    preset->secrets.isEmpty()
                        ? tr("the preset \"%1\" takes no secrets").arg(preset->id)
                        : tr("unknown secret; the preset \"%1\" takes: %2")
                              .arg(preset->id, preset->secretNames().join(QStringLiteral(", "))));
                continue;
            }
            if (!it->isString()) {
                secretReader.error(it.key(), tr("expected the name of a secret, such as "
                                                "\"GITHUB_TOKEN\"; got %1")
                                                 .arg(secretReader.describeValue(it.key(), *it)));
                continue;
            }
            if (const auto problem = secrets::SecretStore::nameProblem(it->toString())) {
                secretReader.error(it.key(), *problem);
                continue;
            }
            secretNames.insert(it.key(), it->toString());
        }
    }
    for (const PresetSecret &secret : preset->secrets) {
        if (secret.required && !secretNames.contains(secret.name) &&
            !reader.contains(QStringLiteral("secrets")))
            reader.error(QStringLiteral("secrets"),
                         tr("required: {\"%1\": \"NAME\"}, NAME being %2")
                             .arg(secret.name, secret.description));
        else if (secret.required && !secretNames.contains(secret.name))
            errors->append(
                {Error::Code::InvalidInput, tr("required: the name of %1").arg(secret.description),
                 reader.locationOf(QStringLiteral("secrets")) + QLatin1Char('.') + secret.name});
    }
    reader.finish();
    if (errors->size() != errorsBefore)
        return std::nullopt;

    // The ordinary source.
    const QJsonObject &request = preset->request;
    expanded.insert(
        QStringLiteral("url"),
        Preset::fill(request.value(QLatin1String("url")).toString(), values, rawValues, true));
    for (const QLatin1String key : {QLatin1String("method"), QLatin1String("body")}) {
        if (request.contains(key))
            expanded.insert(key, request.value(key));
    }
    const QJsonObject headers = request.value(QLatin1String("headers")).toObject();
    QJsonObject filledHeaders;
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        const QJsonValue value =
            it->isObject() ? expandSecretRef(*it, secretNames)
                           : QJsonValue(Preset::fill(it->toString(), values, rawValues, false));
        if (!value.isUndefined()) // an optional secret not given: no header
            filledHeaders.insert(it.key(), value);
    }
    if (!filledHeaders.isEmpty())
        expanded.insert(QStringLiteral("headers"), filledHeaders);
    QJsonObject auth = request.value(QLatin1String("auth")).toObject();
    const QString authSlot = auth.value(QLatin1String("secret")).toString();
    if (!auth.isEmpty() && secretNames.contains(authSlot)) {
        auth.insert(QStringLiteral("secret"), secretNames.value(authSlot));
        expanded.insert(QStringLiteral("auth"), auth);
    }
    QJsonArray metrics;
    for (const QJsonValue &value : preset->metrics) {
        QJsonObject metric = value.toObject();
        for (const QLatin1String key : {QLatin1String("key"), QLatin1String("label")}) {
            if (metric.contains(key))
                metric.insert(key,
                              Preset::fill(metric.value(key).toString(), values, rawValues, false));
        }
        metrics.append(metric);
    }
    expanded.insert(QStringLiteral("metrics"), metrics);
    return expanded;
}

} // namespace kpi::workspace
