// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "UserInput.h"
#include "forms/EntryForm.h"
#include "forms/MetricsTable.h"
#include "forms/SecretField.h"
#include "workspace/WorkspaceDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using kpi::test::chooseData;
using kpi::test::typeInto;
using kpi::ui::EntryForm;
using kpi::workspace::WorkspaceDocument;
using Kind = WorkspaceDocument::Kind;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// The errors WorkspaceLoader gives for a workspace holding just this entry.
QList<kpi::Error> errorsOf(Kind kind, const QJsonObject &entry)
{
    WorkspaceDocument document;
    document.add(kind, entry);
    return document.validate().errors;
}

} // namespace

class TestEntryForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editingAJsonSource_yieldsItsWorkspaceJson()
    {
        EntryForm form(Kind::Source, object("{\"id\": \"api\", \"type\": \"http-json\", "
                                            "\"metrics\": [{}]}"));
        typeInto(form.fieldWidget(QStringLiteral("id")), QStringLiteral("github"));
        typeInto(form.fieldWidget(QStringLiteral("url")),
                 QStringLiteral("https://api.github.com/repos/acme/widget"));
        // The credential's fields appear with the authentication that needs them.
        QVERIFY(!form.isFieldVisible(QStringLiteral("auth.secret")));
        chooseData(form.fieldWidget(QStringLiteral("auth.type")), QStringLiteral("bearer"));
        QVERIFY(form.isFieldVisible(QStringLiteral("auth.secret")));
        QVERIFY(!form.isFieldVisible(QStringLiteral("auth.username")));
        QTest::keyClicks(form.secretField(QStringLiteral("auth.secret"))->valueEdit(),
                         QStringLiteral("ghp-typed-in-the-form"));
        form.metricsTable()->setCell(0, QStringLiteral("key"), QStringLiteral("GITHUB_STARS"));
        form.metricsTable()->setCell(0, QStringLiteral("path"),
                                     QStringLiteral("$.stargazers_count"));
        typeInto(form.fieldWidget(QStringLiteral("timeoutSeconds")), QStringLiteral("20"));

        QCOMPARE(json(form.entry()),
                 json(object("{\"id\": \"github\", \"type\": \"http-json\", "
                             "\"url\": \"https://api.github.com/repos/acme/widget\", "
                             "\"auth\": {\"type\": \"bearer\", \"secret\": \"github-token\"}, "
                             "\"timeoutSeconds\": 20, "
                             "\"metrics\": [{\"key\": \"GITHUB_STARS\", "
                             "\"path\": \"$.stargazers_count\"}]}")));
        QVERIFY(errorsOf(Kind::Source, form.entry()).isEmpty());
        // The token is for the keychain, under the name the file gives.
        const auto pending = form.pendingSecrets();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().name, QStringLiteral("github-token"));
        QCOMPARE(pending.first().value, QStringLiteral("ghp-typed-in-the-form"));
        QVERIFY(!json(form.entry()).contains(QStringLiteral("ghp-typed")));

        // Back to no authentication: the whole auth object goes, with nothing left over.
        chooseData(form.fieldWidget(QStringLiteral("auth.type")), QStringLiteral("none"));
        QVERIFY(!form.entry().contains(QStringLiteral("auth")));
        QVERIFY(form.pendingSecrets().isEmpty());
    }

    void anInvalidUrl_showsItsErrorUnderTheUrlField()
    {
        EntryForm form(Kind::Source,
                       object("{\"id\": \"stats\", \"type\": \"http-json\", \"url\": "
                              "\"https://example.com/\", \"metrics\": [{\"key\": \"USERS\", "
                              "\"path\": \"users\"}]}"));
        form.setEntryPath(WorkspaceDocument::entryPath(Kind::Source, 0));
        typeInto(form.fieldWidget(QStringLiteral("url")), QStringLiteral("ftp:/example.com/stats"));
        form.setErrors(errorsOf(Kind::Source, form.entry()));
        QVERIFY2(form.fieldError(QStringLiteral("url"))
                     .contains(QStringLiteral("Expected an http or https URL")),
                 qPrintable(form.fieldError(QStringLiteral("url"))));
        QVERIFY(form.fieldError(QStringLiteral("id")).isEmpty());
        // The metric's error goes to the table, naming the metric and the column.
        QVERIFY2(form.fieldError(QStringLiteral("metrics"))
                     .startsWith(QStringLiteral("Metric 1, JSONPath: Expected a JSONPath")),
                 qPrintable(form.fieldError(QStringLiteral("metrics"))));
        // Errors of other entries are not this form's.
        form.setEntryPath(WorkspaceDocument::entryPath(Kind::Source, 1));
        form.setErrors(errorsOf(Kind::Source, form.entry()));
        QVERIFY(form.fieldError(QStringLiteral("url")).isEmpty());
    }

    void aDiscordDestination_namesItsWebhookSecret()
    {
        EntryForm form(Kind::Destination, object("{\"id\": \"discord\", \"type\": \"discord\"}"));
        kpi::ui::SecretField *webhook = form.secretField(QStringLiteral("webhook"));
        QVERIFY(webhook);
        QCOMPARE(webhook->name(), QStringLiteral("discord-webhook"));
        // The proposed name follows the id until someone types one.
        typeInto(form.fieldWidget(QStringLiteral("id")), QStringLiteral("team"));
        QCOMPARE(webhook->name(), QStringLiteral("team-webhook"));
        QTest::keyClicks(webhook->valueEdit(),
                         QStringLiteral("https://discord.com/api/webhooks/1/abc"));
        typeInto(form.fieldWidget(QStringLiteral("compareDays")), QStringLiteral("14"));
        QCOMPARE(json(form.entry()),
                 json(object("{\"id\": \"team\", \"type\": \"discord\", \"compareDays\": 14, "
                             "\"webhook\": {\"secret\": \"team-webhook\"}}")));
        QVERIFY(errorsOf(Kind::Destination, form.entry()).isEmpty());
        QCOMPARE(webhook->valueEdit()->echoMode(), QLineEdit::Password);

        // Once stored, the value is never shown: the field says so, with Replace.
        form.clearPendingSecrets();
        form.setStoredSecrets({QStringLiteral("team-webhook")});
        QVERIFY(webhook->valueEdit()->isHidden());
        QVERIFY(!webhook->statusLabel()->isHidden());
        QVERIFY(form.pendingSecrets().isEmpty());
        webhook->replaceButton()->click();
        QVERIFY(!webhook->valueEdit()->isHidden());
        QVERIFY(webhook->valueEdit()->text().isEmpty());
    }

    // Keys without a field stay; an unknown one is reported on the form itself.
    void unknownKeys_areKeptAndReportedOnTheForm()
    {
        const QJsonObject entry = object("{\"id\": \"csv\", \"type\": \"csv\", \"path\": "
                                         "\"h.csv\", \"colour\": \"blue\"}");
        EntryForm form(Kind::Destination, entry);
        form.setEntryPath(WorkspaceDocument::entryPath(Kind::Destination, 0));
        QCOMPARE(form.entry(), entry);
        form.setErrors(errorsOf(Kind::Destination, form.entry()));
        QVERIFY2(form.formError().startsWith(QStringLiteral("colour: unknown key")),
                 qPrintable(form.formError()));
    }

    void badJsonInAJsonField_isAnErrorOfThatField()
    {
        EntryForm form(Kind::Source, object("{\"id\": \"api\", \"type\": \"http-json\", \"url\": "
                                            "\"https://example.com/\", \"metrics\": []}"));
        auto *headers = qobject_cast<QPlainTextEdit *>(form.fieldWidget(QStringLiteral("headers")));
        QVERIFY(headers);
        QVERIFY(!form.hasLocalErrors());
        headers->setPlainText(QStringLiteral("{\"Accept\": "));
        QVERIFY(form.hasLocalErrors());
        QVERIFY(form.fieldError(QStringLiteral("headers"))
                    .startsWith(QStringLiteral("Not valid JSON")));
        headers->setPlainText(QStringLiteral("{\"Accept\": \"application/json\"}"));
        QVERIFY(!form.hasLocalErrors());
        QCOMPARE(form.entry()
                     .value(QStringLiteral("headers"))
                     .toObject()
                     .value(QStringLiteral("Accept")),
                 QJsonValue(QStringLiteral("application/json")));
    }

    // An HTML source: selector and extraction per metric, the next-page link.
    void anHtmlSource_yieldsCssMetrics()
    {
        EntryForm form(Kind::Source,
                       object("{\"id\": \"blog\", \"type\": \"html\", \"metrics\": [{\"extract\": "
                              "\"number\", \"xpath\": \"//td\", \"scale\": 0.5}]}"));
        typeInto(form.fieldWidget(QStringLiteral("url")),
                 QStringLiteral("https://blog.example.com/"));
        QVERIFY(!form.isFieldVisible(QStringLiteral("nextPage.maxPages")));
        typeInto(form.fieldWidget(QStringLiteral("nextPage.css")), QStringLiteral("a.next"));
        QVERIFY(form.isFieldVisible(QStringLiteral("nextPage.maxPages")));
        kpi::ui::MetricsTable *metrics = form.metricsTable();
        metrics->setCell(0, QStringLiteral("key"), QStringLiteral("BLOG_POSTS"));
        metrics->setCell(0, QStringLiteral("css"), QStringLiteral("article h2"));
        metrics->setCell(0, QStringLiteral("extract"), QStringLiteral("count"));
        QCOMPARE(json(form.entry()),
                 json(object("{\"id\": \"blog\", \"type\": \"html\", "
                             "\"url\": \"https://blog.example.com/\", "
                             "\"nextPage\": {\"css\": \"a.next\"}, "
                             "\"metrics\": [{\"key\": \"BLOG_POSTS\", \"css\": \"article h2\", "
                             "\"extract\": \"count\", \"scale\": 0.5}]}")));
        if (kpi::workspace::WorkspaceLoader::sourceTypes().contains(QStringLiteral("html")))
            QVERIFY(errorsOf(Kind::Source, form.entry()).isEmpty());
        // A bad selector is the loader's error, in the metric's CSS cell.
        metrics->setCell(0, QStringLiteral("css"), QStringLiteral("article >"));
        form.setEntryPath(WorkspaceDocument::entryPath(Kind::Source, 0));
        form.setErrors(errorsOf(Kind::Source, form.entry()));
        if (kpi::workspace::WorkspaceLoader::sourceTypes().contains(QStringLiteral("html")))
            QVERIFY2(form.fieldError(QStringLiteral("metrics"))
                         .startsWith(QStringLiteral("Metric 1, CSS selector: ")),
                     qPrintable(form.fieldError(QStringLiteral("metrics"))));
    }

    // A metric's other settings are edited under the table, for the row chosen, and
    // written with their JSON types; what the loader refuses is named by the field's label.
    void metricDetails_areWrittenTypedAndChecked()
    {
        EntryForm form(Kind::Source,
                       object("{\"id\": \"app\", \"type\": \"http-json\", \"url\": "
                              "\"https://app.example.com/stats\", \"metrics\": [{\"key\": "
                              "\"USERS\", \"path\": \"$.users\"}, {\"key\": \"CHURN\", "
                              "\"path\": \"$.churn\", \"scale\": 0.01}]}"));
        kpi::ui::MetricsTable *metrics = form.metricsTable();
        metrics->table()->setCurrentCell(1, 0);
        auto *scale = qobject_cast<QLineEdit *>(metrics->detailField(QStringLiteral("scale")));
        QVERIFY(scale);
        QCOMPARE(scale->text(), QLocale().toString(0.01));
        typeInto(metrics->detailField(QStringLiteral("min")), QStringLiteral("0"));
        typeInto(metrics->detailField(QStringLiteral("max")), QStringLiteral("100"));
        typeInto(metrics->detailField(QStringLiteral("maxChangePercent")), QStringLiteral("50"));
        chooseData(metrics->detailField(QStringLiteral("better")), QStringLiteral("lower"));
        qobject_cast<QCheckBox *>(metrics->detailField(QStringLiteral("allowDropToZero")))
            ->setChecked(true);
        const QJsonArray written = form.entry().value(QStringLiteral("metrics")).toArray();
        QCOMPARE(json(written.at(1).toObject()),
                 json(object("{\"key\": \"CHURN\", \"path\": \"$.churn\", \"scale\": 0.01, "
                             "\"min\": 0, \"max\": 100, \"maxChangePercent\": 50, "
                             "\"better\": \"lower\", \"allowDropToZero\": true}")));
        QCOMPARE(json(written.at(0).toObject()),
                 json(object("{\"key\": \"USERS\", \"path\": \"$.users\"}")));
        QVERIFY(errorsOf(Kind::Source, form.entry()).isEmpty());
        const auto workspace = kpi::workspace::WorkspaceLoader::parse(
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                      {QStringLiteral("sources"), QJsonArray{form.entry()}}})
                .toJson());
        QVERIFY(workspace.isOk());
        QVERIFY(workspace.workspace.metric(QStringLiteral("CHURN"))->lowerIsBetter);

        // The other row shows its own (none), and back again.
        metrics->table()->setCurrentCell(0, 0);
        QVERIFY(qobject_cast<QLineEdit *>(metrics->detailField(QStringLiteral("min")))
                    ->text()
                    .isEmpty());
        metrics->table()->setCurrentCell(1, 0);
        QCOMPARE(qobject_cast<QLineEdit *>(metrics->detailField(QStringLiteral("max")))->text(),
                 QStringLiteral("100"));

        // Only the field edited is written: a "better" typed by hand stays as it was.
        metrics->table()->setCurrentCell(0, 0);
        QJsonArray withBetter = form.entry().value(QStringLiteral("metrics")).toArray();
        QJsonObject users = withBetter.at(0).toObject();
        users.insert(QStringLiteral("better"), QStringLiteral("higher"));
        withBetter.replace(0, users);
        metrics->setMetrics(withBetter);
        metrics->table()->setCurrentCell(0, 0);
        qobject_cast<QCheckBox *>(metrics->detailField(QStringLiteral("allowDropToZero")))
            ->setChecked(true);
        QCOMPARE(json(form.entry().value(QStringLiteral("metrics")).toArray().at(0).toObject()),
                 json(object("{\"key\": \"USERS\", \"path\": \"$.users\", \"better\": "
                             "\"higher\", \"allowDropToZero\": true}")));
        metrics->table()->setCurrentCell(1, 0);

        typeInto(metrics->detailField(QStringLiteral("max")), QStringLiteral("lots"));
        form.setEntryPath(WorkspaceDocument::entryPath(Kind::Source, 0));
        form.setErrors(errorsOf(Kind::Source, form.entry()));
        QVERIFY2(form.fieldError(QStringLiteral("metrics"))
                     .startsWith(QStringLiteral("Metric 2, Plausible to: ")),
                 qPrintable(form.fieldError(QStringLiteral("metrics"))));
        chooseData(metrics->detailField(QStringLiteral("better")), QStringLiteral("higher"));
        QVERIFY(!form.entry()
                     .value(QStringLiteral("metrics"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .contains(QStringLiteral("better")));
    }

    // Each type's table asks for what that type reads: a column, a field, nothing more.
    void metricColumns_followTheSourceType()
    {
        EntryForm sql(Kind::Source, object("{\"id\": \"db\", \"type\": \"sql\", \"metrics\": "
                                           "[{\"key\": \"PAYING\"}]}"));
        sql.metricsTable()->setCell(0, QStringLiteral("column"), QStringLiteral("paying"));
        QCOMPARE(sql.metricsTable()->cell(0, QStringLiteral("path")), QString());
        QCOMPARE(json(sql.entry().value(QStringLiteral("metrics")).toArray().at(0).toObject()),
                 json(object("{\"key\": \"PAYING\", \"column\": \"paying\"}")));
        EntryForm manual(Kind::Source, object("{\"id\": \"bank\", \"type\": \"manual\", "
                                              "\"metrics\": [{\"key\": \"MRR\"}]}"));
        QVERIFY(!manual.metricsTable()->detailField(QStringLiteral("scale")));
        QCOMPARE(manual.metricsTable()->table()->columnCount(), 3);
        QVERIFY(errorsOf(Kind::Source, manual.entry()).isEmpty());
    }
};

QTEST_MAIN(TestEntryForm)
#include "TestEntryForm.moc"
