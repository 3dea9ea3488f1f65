// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "TestSupport.h"
#include "workspace/WorkspaceDocument.h"

#include <QDir>
#include <QFile>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using kpi::workspace::WorkspaceDocument;
using Kind = WorkspaceDocument::Kind;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(KPI_WORKSPACE_FIXTURES "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

QJsonObject discord()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("discord")},
        {QStringLiteral("type"), QStringLiteral("discord")},
        {QStringLiteral("compareDays"), 7},
        {QStringLiteral("schedule"), QStringLiteral("0 9 * * 1")},
        {QStringLiteral("webhook"),
         QJsonObject{{QStringLiteral("secret"), QStringLiteral("discord-webhook")}}}};
}

} // namespace

class TestWorkspaceDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Keys nobody knows stay, and the file comes out in the documented order.
    void roundTrip_keepsUnknownKeysInAStableOrder()
    {
        const auto document = WorkspaceDocument::fromJson(fixture("hand-written.json"));
        KPI_VERIFY_OK(document);
        QCOMPARE(document->toJson(), fixture("hand-written.expected.json"));
        // Writing what was written changes nothing.
        const auto again = WorkspaceDocument::fromJson(document->toJson());
        KPI_VERIFY_OK(again);
        QCOMPARE(again->toJson(), document->toJson());
    }

    void addingADestination_givesExactlyThatJson()
    {
        auto document = WorkspaceDocument::fromJson(fixture("hand-written.json"));
        KPI_VERIFY_OK(document);
        QCOMPARE(document->add(Kind::Destination, discord()), 0);
        QCOMPARE(document->toJson(), fixture("edited.expected.json"));
        QCOMPARE(document->count(Kind::Destination), 1);
        document->remove(Kind::Destination, 0);
        QCOMPARE(document->toJson(), fixture("hand-written.expected.json"));
    }

    void replaceAndMove_editTheRightEntry()
    {
        WorkspaceDocument document;
        for (const char *id : {"a", "b", "c"})
            document.add(Kind::Source, QJsonObject{{QStringLiteral("id"), QLatin1String(id)}});
        document.move(Kind::Source, 0, 2);
        document.replace(Kind::Source, 0, QJsonObject{{QStringLiteral("id"), QStringLiteral("B")}});
        QStringList ids;
        for (const auto &entry : document.entries(Kind::Source))
            ids.append(entry.value(QStringLiteral("id")).toString());
        QCOMPARE(ids, (QStringList{QStringLiteral("B"), QStringLiteral("c"), QStringLiteral("a")}));
        QCOMPARE(document.uniqueId(Kind::Source, QStringLiteral("c")), QStringLiteral("c-2"));
        QCOMPARE(document.uniqueId(Kind::Source, QStringLiteral("d")), QStringLiteral("d"));
        QCOMPARE(WorkspaceDocument::entryPath(Kind::Destination, 3),
                 QStringLiteral("destinations[3]"));
    }

    // The loader's errors, with the paths a form maps to its fields.
    void invalidEdit_givesErrorsWithPaths()
    {
        auto document = WorkspaceDocument::fromJson(fixture("hand-written.json"));
        KPI_VERIFY_OK(document);
        QJsonObject source = document->entry(Kind::Source, 0);
        source.remove(QStringLiteral("comment"));
        source.insert(QStringLiteral("url"), QStringLiteral("not a url"));
        document->replace(Kind::Source, 0, source);
        document->setRootValue(QStringLiteral("x-team"), QJsonValue());
        QJsonObject hook = discord();
        hook.insert(QStringLiteral("webhook"), QStringLiteral("https://discord.example/api/x"));
        document->add(Kind::Destination, hook);

        const auto outcome = document->validate();
        QStringList wheres;
        for (const auto &error : outcome.errors)
            wheres.append(error.where);
        QCOMPARE(wheres, (QStringList{QStringLiteral("sources[0].url"),
                                      QStringLiteral("destinations[0].webhook")}));
        // The webhook's URL is a secret: not repeated in the message.
        QVERIFY(!outcome.errors.at(1).message.contains(QStringLiteral("discord.example")));

        document->replace(Kind::Destination, 0, discord());
        source.insert(QStringLiteral("url"), QStringLiteral("https://api.example.com/x"));
        document->replace(Kind::Source, 0, source);
        QVERIFY(document->validate().isOk());
    }

    // Saved through QSaveFile: the watcher of the old file sees it replaced whole, and a
    // folder that does not exist yet is made.
    void save_isAtomicAndCreatesTheFolder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config/kpi/workspace.json"));
        WorkspaceDocument document;
        KPI_VERIFY_OK(document.save(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{\n  \"version\": 1,\n  \"sources\": []\n}\n"));
        file.close();

        const auto loaded = WorkspaceDocument::load(path);
        KPI_VERIFY_OK(loaded);
        QCOMPARE(loaded->root(), document.root());

        // A save never leaves a temporary file behind, and does not write in place: the
        // file is a new inode afterwards (a reader holding the old one sees it whole).
        QFileSystemWatcher watcher({path});
        QSignalSpy changed(&watcher, &QFileSystemWatcher::fileChanged);
        document.add(Kind::Destination, discord());
        KPI_VERIFY_OK(document.save(path));
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(QDir(dir.filePath(QStringLiteral("config/kpi"))).entryList(QDir::Files),
                 QStringList{QStringLiteral("workspace.json")});
        QVERIFY(WorkspaceDocument::load(path)->count(Kind::Destination) == 1);
    }

    void load_reportsBrokenJsonWithItsPlace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("workspace.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\n  \"version\": 1,\n}\n");
        file.close();
        const auto loaded = WorkspaceDocument::load(path);
        QVERIFY(!loaded);
        QVERIFY2(loaded.error().where.startsWith(path + QStringLiteral(": line 3")),
                 qPrintable(loaded.error().where));
        // A missing file is a new, empty workspace.
        const auto missing = WorkspaceDocument::load(dir.filePath(QStringLiteral("none.json")));
        KPI_VERIFY_OK(missing);
        QCOMPARE(missing->count(Kind::Source), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceDocument)
#include "TestWorkspaceDocument.moc"
