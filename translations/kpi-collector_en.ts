<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>kpi::cli::CliContext</name>
    <message numerus="yes">
        <source>%n error(s) in %1</source>
        <translation>
            <numerusform>%n error in %1</numerusform>
            <numerusform>%n errors in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::cli::CollectCommand</name>
    <message numerus="yes">
        <source>; %n source(s) had errors</source>
        <translation>
            <numerusform>; %n source had errors</numerusform>
            <numerusform>; %n sources had errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n source(s)</source>
        <translation>
            <numerusform>%n source</numerusform>
            <numerusform>%n sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::cli::ConfigCommand</name>
    <message numerus="yes">
        <source>%1: OK (%n source(s), </source>
        <translation>
            <numerusform>%1: OK (%n source, </numerusform>
            <numerusform>%1: OK (%n sources, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n metric(s), </source>
        <translation>
            <numerusform>%n metric, </numerusform>
            <numerusform>%n metrics, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n destination(s))</source>
        <translation>
            <numerusform>%n destination)</numerusform>
            <numerusform>%n destinations)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::cli::DeliverCommand</name>
    <message numerus="yes">
        <source># %n request(s); nothing was sent.</source>
        <translation>
            <numerusform># %n request; nothing was sent.</numerusform>
            <numerusform># %n requests; nothing was sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::cli::ImportCommand</name>
    <message numerus="yes">
        <source>reading the pages (after %n)</source>
        <translation>
            <numerusform>reading the pages (after %n)</numerusform>
            <numerusform>reading the pages (after %n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read %n page(s) from Notion.</source>
        <translation>
            <numerusform>Read %n page from Notion.</numerusform>
            <numerusform>Read %n pages from Notion.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) without a date were left out.</source>
        <translation>
            <numerusform>%n page without a date was left out.</numerusform>
            <numerusform>%n pages without a date were left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n value(s); skipped %1 for days the history already has.</source>
        <translation>
            <numerusform>Imported %n value; skipped %1 for days the history already has.</numerusform>
            <numerusform>Imported %n values; skipped %1 for days the history already has.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::cli::ReextractCommand</name>
    <message numerus="yes">
        <source>%n value(s)</source>
        <translation>
            <numerusform>%n value</numerusform>
            <numerusform>%n values</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::cli::ScheduleCommand</name>
    <message numerus="yes">
        <source>note: &quot;%1&quot; has no further time within %n year(s)</source>
        <translation>
            <numerusform>note: &quot;%1&quot; has no further time within %n year</numerusform>
            <numerusform>note: &quot;%1&quot; has no further time within %n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>never (no such time within %n year(s))</source>
        <translation>
            <numerusform>never (no such time within %n year)</numerusform>
            <numerusform>never (no such time within %n years)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::delivery::DeliveryWorker</name>
    <message numerus="yes">
        <source>gave up after %n attempt(s): %1</source>
        <translation>
            <numerusform>gave up after %n attempt: %1</numerusform>
            <numerusform>gave up after %n attempts: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::net::HttpJob</name>
    <message numerus="yes">
        <source> (after %n attempts)</source>
        <translation>
            <numerusform> (after %n attempt)</numerusform>
            <numerusform> (after %n attempts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::pipeline::CollectRun</name>
    <message numerus="yes">
        <source>%n value(s) collected</source>
        <translation>
            <numerusform>%n value collected</numerusform>
            <numerusform>%n values collected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::sources::CommandSource</name>
    <message numerus="yes">
        <source>the program did not finish within %n s and was stopped</source>
        <translation>
            <numerusform>the program did not finish within %n s and was stopped</numerusform>
            <numerusform>the program did not finish within %n s and was stopped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::sources::HtmlSource</name>
    <message numerus="yes">
        <source> (after %n attempts)</source>
        <translation>
            <numerusform> (after %n attempt)</numerusform>
            <numerusform> (after %n attempts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::sources::HttpJsonSource</name>
    <message numerus="yes">
        <source> (after %n attempts)</source>
        <translation>
            <numerusform> (after %n attempt)</numerusform>
            <numerusform> (after %n attempts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::sources::SqlSource</name>
    <message numerus="yes">
        <source>no answer from the database within %n s</source>
        <translation>
            <numerusform>no answer from the database within %n s</numerusform>
            <numerusform>no answer from the database within %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::ui::DesktopApp</name>
    <message numerus="yes">
        <source>%n source(s) failed at %1</source>
        <translation>
            <numerusform>%n source failed at %1</numerusform>
            <numerusform>%n sources failed at %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n value(s) collected</source>
        <translation>
            <numerusform>%n value collected</numerusform>
            <numerusform>%n values collected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> from %n source(s)</source>
        <translation>
            <numerusform> from %n source</numerusform>
            <numerusform> from %n sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n with errors: see the run log (Ctrl+3)</source>
        <translation>
            <numerusform>, %n with errors: see the run log (Ctrl+3)</numerusform>
            <numerusform>, %n with errors: see the run log (Ctrl+3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kpi::ui::WorkspaceEditor</name>
    <message numerus="yes">
        <source>%n problem(s) to fix before saving (marked in red)</source>
        <translation>
            <numerusform>%n problem to fix before saving (marked in red)</numerusform>
            <numerusform>%n problems to fix before saving (marked in red)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
</context>
</TS>
