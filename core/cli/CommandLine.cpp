// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
#include "cli/CommandLine.h"

#include "cli/CliContext.h"
#include "cli/CollectCommand.h"
#include "cli/ConfigCommand.h"
#include "cli/DaemonCommand.h"
#include "cli/DeliverCommand.h"
#include "cli/Formatting.h"
#include "cli/HistoryCommand.h"
#include "cli/ImportCommand.h"
#include "cli/ReextractCommand.h"
#include "cli/RecordCommand.h"
#include "cli/ReportCommand.h"
#include "cli/ScheduleCommand.h"
#include "cli/SecretCommand.h"
#include "report/ReportBuilder.h"
#include "util/Clock.h"
#include "util/Version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace kpi::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("kpi::cli::CommandLine", text);
}

const QStringList Commands{QStringLiteral("collect"),  QStringLiteral("history"),
                           QStringLiteral("schedule"), QStringLiteral("daemon"),
                           QStringLiteral("config"),   QStringLiteral("secret"),
                           QStringLiteral("deliver"),  QStringLiteral("report"),
                           QStringLiteral("import"),   QStringLiteral("reextract"),
                           QStringLiteral("record")};

// Options that take a value as the next argument, so that "--format json collect" finds
// "collect", not "json", as the command.
bool takesValue(const QString &argument)
{
    static const QStringList withValue{
        QStringLiteral("--workspace"),    QStringLiteral("--database"),
        QStringLiteral("--source"),       QStringLiteral("--format"),
        QStringLiteral("--metric"),       QStringLiteral("--since"),
        QStringLiteral("--until"),        QStringLiteral("--bucket"),
        QStringLiteral("--explain"),      QStringLiteral("--count"),
        QStringLiteral("--from"),         QStringLiteral("--timezone"),
        QStringLiteral("--compare-days"), QStringLiteral("--at")};
    return withValue.contains(argument) || argument == QLatin1String("--destination");
}

// The first argument that is not an option or an option's value.
QString commandName(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (takesValue(argument)) {
            ++i;
            continue;
        }
        if (!argument.startsWith(QLatin1Char('-')))
            return argument;
    }
    return {};
}

QString generalHelp()
{
    return tr("Usage: kpi-collector [COMMAND] [OPTIONS]\n"
              "\n"
              "Collects your company's KPIs, keeps their history and shows the trends.\n"
              "Without a command, opens the window.\n"
              "\n"
              "Commands:\n"
              "  collect   collect now: fetch the sources, store the values, print them\n"
              "  deliver   send what the outbox holds to the destinations; --preview shows\n"
              "            the requests instead, --backfill --since DATE queues past periods\n"
              "  history   print the stored values as CSV or JSON\n"
              "  report    every metric's latest value and its change against N days ago\n"
              "  schedule  when the workspace's schedules run next; --explain CRON shows an\n"
              "            expression's next times\n"
              "  daemon    collect on the workspace's schedule without a window, until "
              "stopped\n"
              "  config    check FILE | import FILE | export: validate and manage the workspace "
              "file;\n"
              "            presets lists the ready-made sources\n"
              "  secret    set NAME | delete NAME | list: tokens and passwords in the OS keychain\n"
              "  import    notion --destination ID: back-fill the history from a Notion database\n"
              "  reextract --source ID: run the source's current extraction over its kept\n"
              "            responses and correct its past values\n"
              "  record    KEY VALUE [--at DATE]: store a value of a manual metric\n"
              "\n"
              "Options for every command:\n"
              "  --workspace FILE      the workspace file (or KPI_COLLECTOR_WORKSPACE;\n"
              "                        default: %1)\n"
              "  --database PATH|URL   the history: an SQLite file or postgresql://user@host/db\n"
              "                        (or KPI_COLLECTOR_DATABASE; default: history.sqlite in %2)\n"
              "  -h, --help            this help, or a command's own with COMMAND --help\n"
              "  -v, --version         the version\n"
              "\n"
              "Exit status: 0 all good, 1 some sources or deliveries failed (the rest\n"
              "were kept), 2 bad usage or an invalid workspace file.\n")
        .arg(workspace::WorkspaceLoader::defaultPath(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

} // namespace

bool CommandLine::wantsCommandLine(const QStringList &arguments)
{
    if (!commandName(arguments).isEmpty())
        return true;
    for (const QString &argument : arguments) {
        if (argument == QLatin1String("-h") || argument == QLatin1String("--help") ||
            argument == QLatin1String("-v") || argument == QLatin1String("--version"))
            return true;
    }
    return false;
}

CommandLine::CommonOptions CommandLine::commonOptions(const QStringList &arguments)
{
    CommonOptions options;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        for (const auto &[name, target] :
             {std::pair{QStringLiteral("--workspace"), &options.workspace},
              std::pair{QStringLiteral("--database"), &options.database}}) {
            if (argument == name && i + 1 < arguments.size())
                *target = arguments[i + 1];
            else if (argument.startsWith(name + QLatin1Char('=')))
                *target = argument.mid(name.size() + 1);
        }
    }
    return options;
}

namespace {

// Every option any command takes; each command's parser gets its own share of them.
struct CommandOptions
{
    QCommandLineOption help{{QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help.")};
    QCommandLineOption workspace{QStringLiteral("workspace"), tr("The workspace file."),
                                 tr("FILE")};
    QCommandLineOption database{QStringLiteral("database"),
                                tr("The history database: a path or a URL."), tr("PATH|URL")};
    QCommandLineOption source{QStringLiteral("source"),
                              tr("Collect only this source (repeatable)."), tr("ID")};
    QCommandLineOption dryRun{QStringLiteral("dry-run"),
                              tr("Fetch and show the values, store nothing.")};
    QCommandLineOption format{QStringLiteral("format"), tr("Output format."), tr("FORMAT")};
    QCommandLineOption metric{QStringLiteral("metric"), tr("Only this metric (repeatable)."),
                              tr("KEY")};
    QCommandLineOption since{QStringLiteral("since"),
                             tr("From this date (YYYY-MM-DD or ISO 8601), inclusive."), tr("DATE")};
    QCommandLineOption until{QStringLiteral("until"), tr("Up to this date, inclusive."),
                             tr("DATE")};
    QCommandLineOption bucket{QStringLiteral("bucket"),
                              tr("The last value per day, week or month."), tr("day|week|month")};
    QCommandLineOption explain{QStringLiteral("explain"),
                               tr("Show when this cron expression runs instead."), tr("CRON")};
    QCommandLineOption count{
        QStringLiteral("count"),
        tr("How many times --explain shows (default %1).").arg(ScheduleCommand::DefaultCount),
        tr("N")};
    QCommandLineOption from{QStringLiteral("from"),
                            tr("Start after this time (YYYY-MM-DD or ISO 8601; default: now)."),
                            tr("TIME")};
    QCommandLineOption timezone{
        QStringLiteral("timezone"),
        tr("The IANA time zone to show the times in (default: the workspace's)."), tr("TZ")};
    QCommandLineOption destination{QStringLiteral("destination"), tr("Only this destination."),
                                   tr("ID")};
    QCommandLineOption force{QStringLiteral("force"),
                             tr("Send a scheduled destination's digest now, and retry failed "
                                "and waiting deliveries now.")};
    QCommandLineOption preview{QStringLiteral("preview"),
                               tr("Print the requests that would be sent; send and write "
                                  "nothing.")};
    QCommandLineOption compareDays{
        QStringLiteral("compare-days"),
        tr("Compare with the values this many days earlier (default %1).")
            .arg(report::ReportBuilder::DefaultCompareDays),
        tr("N")};
    QCommandLineOption at{QStringLiteral("at"),
                          tr("Report as of this date (YYYY-MM-DD: its end; or ISO 8601)."),
                          tr("DATE")};
    QCommandLineOption recordAt{
        QStringLiteral("at"),
        tr("When the value was true (YYYY-MM-DD: the day's start; or ISO 8601), in the "
           "workspace's time zone (default: now)."),
        tr("DATE")};
    QCommandLineOption backfill{QStringLiteral("backfill"),
                                tr("Queue one delivery per past period since --since for "
                                   "--destination, from the history.")};
};

void describeCommand(QCommandLineParser &parser, const CommandOptions &options, const QString &name)
{
    parser.setApplicationDescription(tr("kpi-collector %1").arg(name));
    parser.addOptions({options.help, options.workspace, options.database});
    QString positionalHelp;
    if (name == QLatin1String("collect"))
        parser.addOptions({options.source, options.dryRun, options.format});
    else if (name == QLatin1String("history"))
        parser.addOptions(
            {options.metric, options.since, options.until, options.bucket, options.format});
    else if (name == QLatin1String("report"))
        parser.addOptions({options.compareDays, options.at, options.format});
    else if (name == QLatin1String("schedule"))
        parser.addOptions({options.explain, options.count, options.from, options.timezone});
    else if (name == QLatin1String("deliver"))
        parser.addOptions(
            {options.destination, options.force, options.preview, options.backfill, options.since});
    else if (name == QLatin1String("config"))
        positionalHelp = tr("check FILE | import FILE | export | presets");
    else if (name == QLatin1String("secret"))
        positionalHelp = tr("set NAME | delete NAME | list");
    else if (name == QLatin1String("import")) {
        parser.addOptions({options.destination});
        positionalHelp = tr("notion --destination ID");
    } else if (name == QLatin1String("reextract")) {
        parser.addOptions({options.source, options.since, options.dryRun});
    } else if (name == QLatin1String("record")) {
        parser.addOption(options.recordAt);
        positionalHelp = tr("KEY VALUE (a negative VALUE after --: record KEY -- -5)");
    }
    parser.addPositionalArgument(name, positionalHelp);
}

using CommandOrUsageError = Result<std::unique_ptr<Command>>;

CommandOrUsageError usageError(const QString &message)
{
    return CommandOrUsageError::error(Error::Code::InvalidInput, message);
}

// The command named `name`, with its arguments checked; a usage error says what is wrong.
CommandOrUsageError createCommand(const QString &name, const QCommandLineParser &parser,
                                  const CommandOptions &options, CliContext &context)
{
    QStringList positional = parser.positionalArguments();
    positional.removeFirst(); // the command itself
    const QString action = positional.value(0);

    if (name == QLatin1String("collect")) {
        const QString format = parser.value(options.format);
        if (!positional.isEmpty())
            return usageError(tr("unexpected argument \"%1\"").arg(positional.first()));
        if (!format.isEmpty() && format != QLatin1String("table") &&
            format != QLatin1String("json"))
            return usageError(tr("--format: expected table or json, got \"%1\"").arg(format));
        pipeline::CollectOptions collect;
        collect.sourceIds = parser.values(options.source);
        collect.dryRun = parser.isSet(options.dryRun);
        collect.trigger = QStringLiteral("cli");
        const auto output = format == QLatin1String("json") ? CollectCommand::Format::Json
                                                            : CollectCommand::Format::Table;
        return CommandOrUsageError::ok(std::make_unique<CollectCommand>(context, collect, output));
    }
    if (name == QLatin1String("history")) {
        const QString format = parser.value(options.format);
        if (!positional.isEmpty())
            return usageError(tr("unexpected argument \"%1\"").arg(positional.first()));
        if (!format.isEmpty() && format != QLatin1String("csv") && format != QLatin1String("json"))
            return usageError(tr("--format: expected csv or json, got \"%1\"").arg(format));
        HistoryCommand::Options history;
        history.metrics = parser.values(options.metric);
        history.since = parser.value(options.since);
        history.until = parser.value(options.until);
        history.json = format == QLatin1String("json");
        if (parser.isSet(options.bucket)) {
            history.bucket = report::Bucketer::sizeFromString(parser.value(options.bucket));
            if (!history.bucket)
                return usageError(tr("--bucket: expected day, week or month, got \"%1\"")
                                      .arg(parser.value(options.bucket)));
        }
        return CommandOrUsageError::ok(std::make_unique<HistoryCommand>(context, history));
    }
    if (name == QLatin1String("report")) {
        if (!positional.isEmpty())
            return usageError(tr("unexpected argument \"%1\"").arg(positional.first()));
        ReportCommand::Options wanted;
        const QString format = parser.value(options.format);
        if (!format.isEmpty()) {
            const auto chosen = report::ReportFormatter::formatFromName(format);
            if (!chosen)
                return usageError(
                    tr("--format: expected text, markdown or json, got \"%1\"").arg(format));
            wanted.format = *chosen;
        }
        if (parser.isSet(options.compareDays)) {
            bool ok = false;
            const QString text = parser.value(options.compareDays);
            wanted.compareDays = text.toInt(&ok);
            if (!ok || wanted.compareDays < 1 || wanted.compareDays > 3660)
                return usageError(
                    tr("--compare-days: expected a whole number from 1 to 3660, got \"%1\"")
                        .arg(text));
        }
        wanted.at = parser.value(options.at);
        return CommandOrUsageError::ok(
            std::make_unique<ReportCommand>(context, wanted, Clock::system()));
    }
    if (name == QLatin1String("deliver")) {
        if (!positional.isEmpty())
            return usageError(tr("unexpected argument \"%1\"").arg(positional.first()));
        DeliverCommand::Options deliver;
        deliver.destinationId = parser.value(options.destination);
        deliver.force = parser.isSet(options.force);
        deliver.preview = parser.isSet(options.preview);
        deliver.backfill = parser.isSet(options.backfill);
        deliver.since = parser.value(options.since);
        if (deliver.backfill && (deliver.destinationId.isEmpty() || deliver.since.isEmpty()))
            return usageError(tr("--backfill needs --destination ID and --since DATE"));
        if (!deliver.backfill && parser.isSet(options.since))
            return usageError(tr("--since: only with --backfill"));
        if (deliver.backfill && deliver.force)
            return usageError(tr("--backfill and --force do not go together"));
        return CommandOrUsageError::ok(
            std::make_unique<DeliverCommand>(context, deliver, Clock::system()));
    }
    if (name == QLatin1String("import")) {
        if (action != QLatin1String("notion") || positional.size() != 1)
            return usageError(tr("expected notion --destination ID"));
        if (!parser.isSet(options.destination))
            return usageError(tr("import notion needs --destination ID"));
        ImportCommand::Options import;
        import.from = action;
        import.destinationId = parser.value(options.destination);
        return CommandOrUsageError::ok(std::make_unique<ImportCommand>(context, import));
    }
    if (name == QLatin1String("reextract")) {
        if (!positional.isEmpty())
            return usageError(tr("unexpected argument \"%1\"").arg(positional.first()));
        const QStringList sources = parser.values(options.source);
        if (sources.size() != 1)
            return usageError(tr("reextract needs exactly one --source ID"));
        ReextractCommand::Options reextract;
        reextract.sourceId = sources.first();
        reextract.since = parser.value(options.since);
        reextract.dryRun = parser.isSet(options.dryRun);
        return CommandOrUsageError::ok(std::make_unique<ReextractCommand>(context, reextract));
    }
    if (name == QLatin1String("record")) {
        if (positional.size() != 2)
            return usageError(tr("expected KEY VALUE, such as: record NPS 42"));
        RecordCommand::Options record;
        record.key = positional.at(0);
        record.value = positional.at(1);
        record.at = parser.value(options.recordAt);
        return CommandOrUsageError::ok(
            std::make_unique<RecordCommand>(context, record, Clock::system()));
    }
    if (name == QLatin1String("daemon")) {
        if (!positional.isEmpty())
            return usageError(tr("unexpected argument \"%1\"").arg(positional.first()));
        return CommandOrUsageError::ok(std::make_unique<DaemonCommand>(context));
    }
    if (name == QLatin1String("schedule")) {
        if (!positional.isEmpty())
            return usageError(tr("unexpected argument \"%1\"").arg(positional.first()));
        ScheduleCommand::Options schedule;
        if (parser.isSet(options.explain)) {
            auto cron = cron::CronExpression::parse(parser.value(options.explain));
            if (!cron)
                return usageError(tr("--explain: %1").arg(cron.error().message));
            schedule.explain = std::move(*cron);
        }
        if (parser.isSet(options.count)) {
            if (!schedule.explain)
                return usageError(tr("--count: only with --explain"));
            bool ok = false;
            const QString text = parser.value(options.count);
            schedule.count = text.toInt(&ok);
            if (!ok || schedule.count < 1 || schedule.count > ScheduleCommand::MaxCount)
                return usageError(tr("--count: expected a whole number from 1 to %1, got \"%2\"")
                                      .arg(ScheduleCommand::MaxCount)
                                      .arg(text));
        }
        if (parser.isSet(options.timezone)) {
            schedule.timeZone = parser.value(options.timezone);
            if (!QTimeZone::isTimeZoneIdAvailable(schedule.timeZone.toUtf8()))
                return usageError(tr("--timezone: unknown time zone \"%1\"; expected an IANA "
                                     "name such as \"Europe/Berlin\"")
                                      .arg(schedule.timeZone));
        }
        if (parser.isSet(options.from)) {
            schedule.from = parser.value(options.from);
            // Checked here in UTC for the syntax; the command reads it in its own zone.
            if (!parseDateArgument(schedule.from, QTimeZone::utc(), false))
                return usageError(tr("--from: expected YYYY-MM-DD or an ISO 8601 date and "
                                     "time, got \"%1\"")
                                      .arg(schedule.from));
        }
        return CommandOrUsageError::ok(
            std::make_unique<ScheduleCommand>(context, schedule, Clock::system()));
    }
    if (name == QLatin1String("config")) {
        if (action == QLatin1String("check") || action == QLatin1String("import")) {
            if (positional.size() != 2)
                return usageError(tr("config %1 takes one FILE").arg(action));
            const auto what = action == QLatin1String("check") ? ConfigCommand::Action::Check
                                                               : ConfigCommand::Action::Import;
            return CommandOrUsageError::ok(
                std::make_unique<ConfigCommand>(context, what, positional.at(1)));
        }
        if (action == QLatin1String("export") && positional.size() == 1)
            return CommandOrUsageError::ok(
                std::make_unique<ConfigCommand>(context, ConfigCommand::Action::Export, QString()));
        if (action == QLatin1String("presets") && positional.size() == 1)
            return CommandOrUsageError::ok(std::make_unique<ConfigCommand>(
                context, ConfigCommand::Action::Presets, QString()));
        return usageError(tr("expected check FILE, import FILE, export or presets"));
    }
    // secret
    if ((action == QLatin1String("set") || action == QLatin1String("delete")) &&
        positional.size() == 2) {
        const auto what = action == QLatin1String("set") ? SecretCommand::Action::Set
                                                         : SecretCommand::Action::Delete;
        return CommandOrUsageError::ok(
            std::make_unique<SecretCommand>(context, what, positional.at(1)));
    }
    if (action == QLatin1String("list") && positional.size() == 1)
        return CommandOrUsageError::ok(
            std::make_unique<SecretCommand>(context, SecretCommand::Action::List, QString()));
    return usageError(tr("expected set NAME, delete NAME or list"));
}

} // namespace

int CommandLine::run(QCoreApplication &app)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList arguments = app.arguments();
    // A command's output is its table or its data; progress notes are for the daemon's log.
    // QT_LOGGING_RULES (e.g. "kpi.*.debug=true") still overrides this.
    QLoggingCategory::setFilterRules(QStringLiteral("kpi.*.info=false"));
    const QString name = commandName(arguments);

    if (name.isEmpty()) {
        if (arguments.contains(QLatin1String("-v")) ||
            arguments.contains(QLatin1String("--version")))
            out << "kpi-collector " << kpi::Version << '\n';
        else
            out << generalHelp();
        return ExitOk;
    }
    if (!Commands.contains(name)) {
        err << tr("kpi-collector: unknown command \"%1\"; the commands are: %2\n")
                   .arg(name, Commands.join(QStringLiteral(", ")));
        err << tr("Run \"kpi-collector --help\" for more.\n");
        return ExitUsage;
    }

    const CommandOptions options;
    QCommandLineParser parser;
    describeCommand(parser, options, name);
    const auto printUsageError = [&](const QString &message) {
        err << "kpi-collector " << name << ": " << message << '\n'
            << tr("Run \"kpi-collector %1 --help\" for the options.\n").arg(name);
        return ExitUsage;
    };
    if (!parser.parse(arguments))
        return printUsageError(parser.errorText());
    if (parser.isSet(options.help)) {
        out << parser.helpText();
        return ExitOk;
    }

    CliContext context(out, err, parser.value(options.workspace), parser.value(options.database));
    auto created = createCommand(name, parser, options, context);
    if (!created)
        return printUsageError(created.error().message);
    std::unique_ptr<Command> command = std::move(*created);

    // done() may come from inside start(); queued, it always lands in the event loop.
    QObject::connect(
        command.get(), &Command::done, &app, [](int status) { QCoreApplication::exit(status); },
        Qt::QueuedConnection);
    command->start();
    int status = app.exec();
    command.reset(); // closes the history: everything the command did is on disk now
    out.flush();
    // A full disk or a closed pipe must not pass for success: a script would go on with
    // half a CSV. (QTextStream only sees its own writes fail; stdio buffers the rest.)
    if (out.status() != QTextStream::Ok || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        err << tr("kpi-collector %1: could not write the output: %2\n")
                   .arg(name, QString::fromLocal8Bit(std::strerror(errno)));
        status = std::max(status, int(ExitFailures));
    }
    err.flush();
#if !defined(__SANITIZE_ADDRESS__)
    // What is left is teardown: Qt's network thread would close every idle keep-alive
    // connection one at a time, about 45 ms after a 200-source collect (bench_collect),
    // while the kernel closes them at once when the process ends. So end it here. Sanitizer
    // builds take the long way, so that leak checking still runs at exit.
    std::fflush(nullptr);
    std::_Exit(status);
#else
    return status;
#endif
}

} // namespace kpi::cli
