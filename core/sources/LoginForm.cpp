// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "sources/LoginForm.h"

#include "extract/html/HtmlExtractor.h"
#include "extract/html/HtmlSelector.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <libxml/tree.h>

namespace kpi::sources {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::sources::LoginForm", text);
}

bool hasAttribute(xmlNodePtr node, const char *name)
{
    return xmlHasProp(node, reinterpret_cast<const xmlChar *>(name)) != nullptr;
}

QString attribute(xmlNodePtr node, const char *name)
{
    xmlChar *value = xmlGetProp(node, reinterpret_cast<const xmlChar *>(name));
    if (!value)
        return {};
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(value));
    xmlFree(value);
    return text;
}

QString tagOf(xmlNodePtr node)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(node->name)).toLower();
}

// Disabled itself, or inside a disabled fieldset (but not in its first legend, a detail the
// login forms in the wild never depend on).
bool isDisabled(xmlNodePtr node, xmlNodePtr form)
{
    for (xmlNodePtr n = node; n && n != form; n = n->parent) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (hasAttribute(n, "disabled") && (n == node || tagOf(n) == QLatin1String("fieldset")))
            return true;
    }
    return false;
}

void collectControls(xmlNodePtr node, QList<xmlNodePtr> &controls)
{
    for (xmlNodePtr child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        const QString tag = tagOf(child);
        if (tag == QLatin1String("input") || tag == QLatin1String("select") ||
            tag == QLatin1String("textarea") || tag == QLatin1String("button"))
            controls.append(child);
        if (tag != QLatin1String("select") && tag != QLatin1String("textarea"))
            collectControls(child, controls);
    }
}

void collectOptions(xmlNodePtr node, QList<xmlNodePtr> &options)
{
    for (xmlNodePtr child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        if (tagOf(child) == QLatin1String("option"))
            options.append(child);
        else
            collectOptions(child, options);
    }
}

QString optionValue(xmlNodePtr option)
{
    return hasAttribute(option, "value") ? attribute(option, "value")
                                         : extract::HtmlExtractor::normalisedText(option);
}

QString textContent(xmlNodePtr node)
{
    xmlChar *content = xmlNodeGetContent(node);
    QString text = content ? QString::fromUtf8(reinterpret_cast<const char *>(content)) : QString();
    xmlFree(content);
    // The HTML parser keeps the newline right after <textarea>; browsers drop it.
    if (text.startsWith(QLatin1Char('\n')))
        text.remove(0, 1);
    return text;
}

QByteArray multipartName(const QString &name)
{
    QByteArray encoded = name.toUtf8();
    encoded.replace("\r", "%0D").replace("\n", "%0A").replace("\"", "%22");
    return encoded;
}

} // namespace

xmlNodePtr LoginForm::find(const extract::HtmlDocument &doc, const QString &formCss)
{
    const auto selector =
        formCss.isEmpty()
            ? extract::HtmlSelector::xpath(QStringLiteral(
                  "//form[.//input[translate(@type, 'PASSWORD', 'password') = 'password']]"))
            : extract::HtmlSelector::css(formCss);
    if (!selector)
        return nullptr;
    const auto nodes = selector->select(doc);
    if (!nodes || nodes->isEmpty())
        return nullptr;
    return nodes->constFirst();
}

QByteArray LoginForm::urlEncode(const QList<std::pair<QString, QString>> &entries)
{
    const auto encode = [](const QString &text) {
        return QUrl::toPercentEncoding(text, QByteArray(" *"), QByteArray("~")).replace(' ', '+');
    };
    QByteArray body;
    for (const auto &[name, value] : entries) {
        if (!body.isEmpty())
            body += '&';
        body += encode(name) + '=' + encode(value);
    }
    return body;
}

Result<FormSubmission> LoginForm::submit(xmlNodePtr form, const QUrl &pageUrl,
                                         const QList<std::pair<QString, QString>> &fields)
{
    QList<xmlNodePtr> controls;
    collectControls(form, controls);

    QList<std::pair<QString, QString>> entries;
    QStringList known; // every named control, sent or not, for the configured fields
    for (xmlNodePtr control : std::as_const(controls)) {
        const QString name = attribute(control, "name");
        if (name.isEmpty())
            continue;
        if (!known.contains(name))
            known.append(name);
        if (isDisabled(control, form))
            continue;
        const QString tag = tagOf(control);
        if (tag == QLatin1String("button"))
            continue;
        if (tag == QLatin1String("textarea")) {
            entries.append({name, textContent(control)});
            continue;
        }
        if (tag == QLatin1String("select")) {
            QList<xmlNodePtr> options;
            collectOptions(control, options);
            bool any = false;
            for (xmlNodePtr option : std::as_const(options)) {
                if (hasAttribute(option, "selected") && !isDisabled(option, control)) {
                    entries.append({name, optionValue(option)});
                    any = true;
                    if (!hasAttribute(control, "multiple"))
                        break;
                }
            }
            // A single select shows, and sends, its first option when none is selected.
            if (!any && !hasAttribute(control, "multiple")) {
                for (xmlNodePtr option : std::as_const(options)) {
                    if (!isDisabled(option, control)) {
                        entries.append({name, optionValue(option)});
                        break;
                    }
                }
            }
            continue;
        }
        const QString type = attribute(control, "type").toLower();
        if (type == QLatin1String("submit") || type == QLatin1String("image") ||
            type == QLatin1String("button") || type == QLatin1String("reset") ||
            type == QLatin1String("file"))
            continue;
        if (type == QLatin1String("checkbox") || type == QLatin1String("radio")) {
            if (hasAttribute(control, "checked"))
                entries.append({name, hasAttribute(control, "value") ? attribute(control, "value")
                                                                     : QStringLiteral("on")});
            continue;
        }
        entries.append({name, attribute(control, "value")});
    }

    for (const auto &[name, value] : fields) {
        if (!known.contains(name))
            return Result<FormSubmission>::error(
                Error::Code::InvalidInput,
                tr("the login form has no field \"%1\"; its fields are: %2")
                    .arg(name, known.isEmpty() ? tr("(none)") : known.join(QStringLiteral(", "))));
        bool replaced = false;
        for (auto &entry : entries) {
            if (entry.first == name) {
                entry.second = value;
                replaced = true;
                break;
            }
        }
        if (!replaced) // an unchecked box, a button: sent because the workspace says so
            entries.append({name, value});
    }

    FormSubmission submission;
    for (const auto &entry : std::as_const(entries))
        submission.fieldNames.append(entry.first);
    const QString action = attribute(form, "action").trimmed();
    submission.url = action.isEmpty() ? pageUrl : pageUrl.resolved(QUrl(action));
    submission.url.setFragment(QString());
    const bool post = attribute(form, "method").trimmed().toLower() == QLatin1String("post");
    if (!post) {
        submission.method = "GET";
        submission.url.setQuery(QString::fromLatin1(urlEncode(entries)), QUrl::StrictMode);
        return Result<FormSubmission>::ok(submission);
    }
    submission.method = "POST";
    const QString enctype = attribute(form, "enctype").trimmed().toLower();
    if (enctype == QLatin1String("multipart/form-data")) {
        const QByteArray boundary =
            "----KpiCollectorBoundary" +
            QByteArray::number(QRandomGenerator::global()->generate64(), 36);
        for (const auto &[name, value] : std::as_const(entries)) {
            submission.body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" +
                               multipartName(name) + "\"\r\n\r\n" + value.toUtf8() + "\r\n";
        }
        submission.body += "--" + boundary + "--\r\n";
        submission.contentType = "multipart/form-data; boundary=" + boundary;
    } else if (enctype == QLatin1String("text/plain")) {
        for (const auto &[name, value] : std::as_const(entries))
            submission.body += name.toUtf8() + '=' + value.toUtf8() + "\r\n";
        submission.contentType = "text/plain;charset=UTF-8";
    } else {
        submission.body = urlEncode(entries);
        submission.contentType = "application/x-www-form-urlencoded";
    }
    return Result<FormSubmission>::ok(submission);
}

} // namespace kpi::sources
