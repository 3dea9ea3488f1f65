// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 KPI Collector contributors
// Benchmark (c): HTML. Generates blog-like pages of 100 KB, 1 MB and 10 MB (deterministic),
// then measures per size, as the median of --runs rounds (the three run in turn each round):
//   (a) libxml2's own htmlReadMemory, nothing else (the baseline),
//   (b) HtmlDocument::parse (charset sniffing, UTF-8 check, libxml2, document order),
//   (c) HtmlDocument::parse and counting a CSS selector's matches (compiled once).
// Time is the median CPU time of the thread (wall time is printed too; on a shared machine
// it measures the neighbours). Peak memory is the peak of live heap bytes above the start of the
// run, counted by the malloc/free family defined in this file (every allocation of libxml2, Qt and
// the C++ runtime passes through them; sizes from malloc_usable_size).
//
//   bench_html [--runs N] [--sizes 100000,1000000,10000000] [--selector CSS]
//   bench_html --write-pages DIR      (writes page-<bytes>.html for bench/bs4_bench.py)
#include "extract/html/HtmlDocument.h"
#include "extract/html/HtmlSelector.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <libxml/HTMLparser.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <malloc.h>
#include <vector>

// ---- a malloc counter: interposes the allocator for the whole process ----------------
extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void __libc_free(void *);
void *__libc_memalign(size_t, size_t);
}

namespace {
std::atomic<long long> g_live{0};
std::atomic<long long> g_peak{0};

void *counted(void *p)
{
    if (p) {
        const long long now = g_live.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) +
                              malloc_usable_size(p);
        long long peak = g_peak.load(std::memory_order_relaxed);
        while (now > peak && !g_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
        }
    }
    return p;
}
void uncount(void *p)
{
    if (p)
        g_live.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
}
} // namespace

extern "C" {
void *malloc(size_t size)
{
    return counted(__libc_malloc(size));
}
void *calloc(size_t n, size_t size)
{
    return counted(__libc_calloc(n, size));
}
void *realloc(void *p, size_t size)
{
    uncount(p);
    void *q = __libc_realloc(p, size);
    if (!q && size) // failed: the old block is still there
        return counted(p), nullptr;
    return counted(q);
}
void free(void *p)
{
    uncount(p);
    __libc_free(p);
}
void *memalign(size_t alignment, size_t size)
{
    return counted(__libc_memalign(alignment, size));
}
void *aligned_alloc(size_t alignment, size_t size)
{
    return counted(__libc_memalign(alignment, size));
}
int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p = counted(__libc_memalign(alignment, size));
    if (!p)
        return 12; // ENOMEM
    *out = p;
    return 0;
}
}

namespace {

using Clock = std::chrono::steady_clock;

// ---- the pages ------------------------------------------------------------------------
struct Random
{
    quint32 state;
    quint32 next() { return state = state * 1664525u + 1013904223u; }
    int below(int n) { return int((next() >> 8) % quint32(n)); }
};

const char *const Words[] = {
    "the",     "metric",     "growth",   "founder",  "weekly",  "users",     "release",
    "pricing", "café",       "launch",   "feedback", "roadmap", "dashboard", "retention",
    "churn",   "onboarding", "signal",   "revenue",  "team",    "customer",  "experiment",
    "funnel",  "cohort",     "naïve",    "résumé",   "design",  "shipping",  "open",
    "source",  "community",  "“quoted”", "—",        "data",    "and",       "of",
    "to",      "in",         "we",       "our",      "a"};

QByteArray words(Random &random, int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i) {
        if (i)
            out += ' ';
        out += Words[random.below(int(std::size(Words)))];
    }
    return out;
}

QByteArray post(Random &random, int n)
{
    const QByteArray id = QByteArray::number(n);
    const QByteArray slug = "/2026/" + QByteArray::number(1 + n % 12) + "/post-" + id;
    QByteArray html;
    html += "<article id=\"post-" + id + "\" class=\"post post-" + id +
            " type-post status-publish hentry\">\n<header class=\"entry-header\"><h2 "
            "class=\"entry-title\"><a href=\"" +
            slug + "\" rel=\"bookmark\">" + words(random, 3 + random.below(6)) +
            "</a></h2>\n<div class=\"entry-meta\"><time class=\"published\" "
            "datetime=\"2026-11-" +
            QByteArray::number(1 + n % 28) + "T09:00:00+00:00\">November " +
            QByteArray::number(1 + n % 28) +
            ", 2026</time> by <span class=\"author vcard\"><a class=\"url fn n\" href=\"/author/" +
            QByteArray::number(n % 7) + "\">Author " + QByteArray::number(n % 7) +
            "</a></span></div></header>\n<div class=\"entry-content\">\n";
    const int paragraphs = 2 + random.below(4);
    for (int p = 0; p < paragraphs; ++p) {
        html += "<p>" + words(random, 20 + random.below(40)) + " <a href=\"https://example.org/" +
                QByteArray::number(random.below(1000)) + "\">" + words(random, 2) + "</a>, <em>" +
                words(random, 2) + "</em> &amp; <strong>" + words(random, 3) + "</strong>&nbsp;" +
                words(random, 10 + random.below(20)) + "&#8217;s.</p>\n";
    }
    if (random.below(3) == 0) {
        html += "<figure class=\"wp-block-image\"><img src=\"/img/" + id + ".jpg\" alt=\"" +
                words(random, 3) +
                "\" width=\"800\" height=\"450\" "
                "loading=\"lazy\"><figcaption>" +
                words(random, 6) + "</figcaption></figure>\n";
    }
    if (random.below(4) == 0) {
        html += "<ul>";
        for (int i = 0, items = 2 + random.below(4); i < items; ++i)
            html += "<li>" + words(random, 4 + random.below(6)) + "</li>";
        html += "</ul>\n";
    }
    html +=
        "</div>\n<footer class=\"entry-footer\"><span class=\"cat-links\"><a href=\"/category/" +
        QByteArray::number(n % 5) + "\" rel=\"category tag\">Category " +
        QByteArray::number(n % 5) + "</a></span> <span class=\"comments-link\"><a href=\"" + slug +
        "#comments\">" + QByteArray::number(random.below(40)) +
        " Comments</a></span></footer>\n</article>\n" + "<!-- /post-" + id + " -->\n";
    return html;
}

QByteArray page(qsizetype target)
{
    Random random{quint32(target)};
    QByteArray html =
        "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"UTF-8\">\n<meta "
        "name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>The KPI "
        "blog</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n<style>body{font:16px/1.5 "
        "sans-serif}.post{margin:2em 0}.entry-title a{color:#123}</style>\n<script>window.dataLayer"
        " = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} if (1 < 2 && "
        "true) { gtag('js', new Date()); }</script>\n</head>\n<body class=\"home blog\">\n<header "
        "id=\"masthead\" class=\"site-header\"><nav class=\"main-navigation\"><ul>";
    for (int i = 0; i < 8; ++i)
        html += "<li class=\"menu-item\"><a href=\"/section-" + QByteArray::number(i) + "\">" +
                words(random, 1) + "</a></li>";
    html += "</ul></nav></header>\n<main id=\"main\" class=\"site-main\">\n";
    const QByteArray tail =
        "</main>\n<aside id=\"secondary\" class=\"widget-area\"><section class=\"widget\"><h2 "
        "class=\"widget-title\">Archives</h2><ul><li><a href=\"/2026/11\">November "
        "2026</a></li><li><a href=\"/2026/10\">October 2026</a></li></ul></section></aside>\n"
        "<footer id=\"colophon\" class=\"site-footer\"><p>&copy; 2026 KPI "
        "Collector</p></footer>\n</body>\n</html>\n";
    for (int n = 1; html.size() + tail.size() < target; ++n)
        html += post(random, n);
    return html + tail;
}

// ---- measuring -------------------------------------------------------------------------
// The thread's CPU time: on a shared machine, wall time measures the neighbours too.
double cpuMs()
{
    timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Figures
{
    double medianMs = 0; // CPU time of the thread
    double medianWallMs = 0;
    long long peakBytes = 0;
    int count = -1;
};

// Runs the variants in turn, `runs` rounds after one warm-up round, so that the noise of a
// shared machine falls on all of them alike; median time and largest peak per variant.
std::vector<Figures> measure(int runs, const std::vector<std::function<int()>> &variants)
{
    std::vector<std::vector<double>> times(variants.size()), walls(variants.size());
    std::vector<Figures> figures(variants.size());
    for (int round = -1; round < runs; ++round) {
        for (size_t v = 0; v < variants.size(); ++v) {
            const long long base = g_live.load();
            g_peak.store(base);
            const double cpuStart = cpuMs();
            const auto start = Clock::now();
            figures[v].count = variants[v]();
            const double wall =
                std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            const double cpu = cpuMs() - cpuStart;
            if (round < 0)
                continue;
            times[v].push_back(cpu);
            walls[v].push_back(wall);
            figures[v].peakBytes = std::max(figures[v].peakBytes, g_peak.load() - base);
        }
    }
    for (size_t v = 0; v < variants.size(); ++v) {
        std::sort(times[v].begin(), times[v].end());
        std::sort(walls[v].begin(), walls[v].end());
        figures[v].medianMs = times[v][times[v].size() / 2];
        figures[v].medianWallMs = walls[v][walls[v].size() / 2];
    }
    return figures;
}

QByteArray size(qsizetype bytes)
{
    return bytes >= 1000000 ? QByteArray::number(bytes / 1000000) + " MB"
                            : QByteArray::number(bytes / 1000) + " KB";
}

QByteArray megabytes(long long bytes)
{
    return QByteArray::number(double(bytes) / 1e6, 'f', bytes < 10000000 ? 2 : 1) + " MB";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Timed runs per figure."),
                                        QStringLiteral("N"), QStringLiteral("9"));
    const QCommandLineOption sizesOption(
        QStringLiteral("sizes"), QStringLiteral("Page sizes in bytes."), QStringLiteral("LIST"),
        QStringLiteral("100000,1000000,10000000"));
    const QCommandLineOption selectorOption(
        QStringLiteral("selector"), QStringLiteral("CSS selector to count."), QStringLiteral("CSS"),
        QStringLiteral("article.post h2 > a"));
    const QCommandLineOption writeOption(QStringLiteral("write-pages"),
                                         QStringLiteral("Write the pages to DIR and exit."),
                                         QStringLiteral("DIR"));
    parser.addOptions({runsOption, sizesOption, selectorOption, writeOption});
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QList<qsizetype> sizes;
    for (const QString &s : parser.value(sizesOption).split(u','))
        sizes << s.toLongLong();

    if (parser.isSet(writeOption)) {
        QDir dir(parser.value(writeOption));
        dir.mkpath(QStringLiteral("."));
        for (qsizetype bytes : sizes) {
            QFile file(dir.filePath(QStringLiteral("page-%1.html").arg(bytes)));
            if (!file.open(QIODevice::WriteOnly) || file.write(page(bytes)) < 0) {
                std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
                return 1;
            }
            std::printf("%s\n", qPrintable(file.fileName()));
        }
        return 0;
    }

    const auto selector = kpi::extract::HtmlSelector::css(parser.value(selectorOption));
    if (!selector) {
        std::fprintf(stderr, "%s\n", qPrintable(selector.error().message));
        return 1;
    }
    xmlInitParser();
    std::printf("median of %d rounds: CPU time of the thread (wall time below it); peak = live "
                "heap bytes\nabove the start of a run (malloc counter)\nselector: %s\n\n",
                runs, qPrintable(selector->source()));
    std::printf("%-7s | %-22s | %-22s | %-30s | %s\n", "page", "(a) libxml2 htmlReadMemory",
                "(b) HtmlDocument::parse", "(c) parse + CSS count", "(c)/(a) time, memory");
    for (qsizetype bytes : sizes) {
        const QByteArray html = page(bytes);
        const std::vector<std::function<int()>> variants{
            [&] {
                xmlDocPtr doc = htmlReadMemory(html.constData(), int(html.size()), nullptr, nullptr,
                                               HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                                   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
                const int ok = doc ? 0 : -1;
                xmlFreeDoc(doc);
                return ok;
            },
            [&] {
                const auto doc =
                    kpi::extract::HtmlDocument::parse(html, "text/html; charset=utf-8");
                return doc ? 0 : -1;
            },
            [&] {
                const auto doc =
                    kpi::extract::HtmlDocument::parse(html, "text/html; charset=utf-8");
                if (!doc)
                    return -1;
                const auto nodes = selector->select(*doc);
                return nodes ? int(nodes->size()) : -1;
            }};
        const std::vector<Figures> figures = measure(runs, variants);
        const Figures &own = figures[0], &ours = figures[1], &counted = figures[2];
        std::printf(
            "%-7s | %8.1f ms %10s | %8.1f ms %10s | %8.1f ms %10s %6d hits | %.2fx, %.2fx\n",
            size(html.size()).constData(), own.medianMs, megabytes(own.peakBytes).constData(),
            ours.medianMs, megabytes(ours.peakBytes).constData(), counted.medianMs,
            megabytes(counted.peakBytes).constData(), counted.count,
            counted.medianMs / own.medianMs, double(counted.peakBytes) / double(own.peakBytes));
        std::printf("%-7s | wall %5.1f ms            | wall %5.1f ms            | wall %5.1f ms"
                    "                     | %.2fx\n",
                    "", own.medianWallMs, ours.medianWallMs, counted.medianWallMs,
                    counted.medianWallMs / own.medianWallMs);
        // The selector alone, on one parsed page.
        const auto parsed = kpi::extract::HtmlDocument::parse(html, "text/html; charset=utf-8");
        const std::vector<Figures> alone = measure(runs, {[&] {
                                                       const auto nodes = selector->select(*parsed);
                                                       return nodes ? int(nodes->size()) : -1;
                                                   }});
        std::printf("%-7s | select alone: %.1f ms CPU, %.1f ms wall, %s\n", "", alone[0].medianMs,
                    alone[0].medianWallMs, megabytes(alone[0].peakBytes).constData());
        std::fflush(stdout);
    }
    return 0;
}
