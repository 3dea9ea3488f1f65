#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 KPI Collector contributors
"""BeautifulSoup with html.parser on bench_html's pages, for comparison.

    build/ci/bench/bench_html --write-pages /tmp/html-pages
    /usr/bin/python3 bench/bs4_bench.py /tmp/html-pages [--runs N] [--selector CSS]

Per page: the median time of BeautifulSoup(page, "html.parser") alone and with a
soup.select() count of the same selector (soupsieve), and the peak of Python's own
allocations during one parse (tracemalloc, in a separate run: it slows parsing down).
Debian's python3-bs4 is installed for /usr/bin/python3, hence the interpreter above.
"""
import argparse
import gc
import pathlib
import statistics
import time
import tracemalloc

from bs4 import BeautifulSoup


def median_ms(runs, function):
    function()  # warm-up, not counted
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=pathlib.Path, help="directory with page-<bytes>.html")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--selector", default="article.post h2 > a")
    args = parser.parse_args()

    pages = sorted(args.pages.glob("page-*.html"), key=lambda p: p.stat().st_size)
    if not pages:
        raise SystemExit(f"no page-*.html in {args.pages}; run bench_html --write-pages first")
    print(f"median of {args.runs} runs; peak = tracemalloc peak of one parse")
    print(f"selector: {args.selector}\n")
    print(f"{'page':7} | {'BeautifulSoup html.parser':25} | {'parse + select count':28}")
    for page in pages:
        html = page.read_bytes()
        parse = median_ms(args.runs, lambda: BeautifulSoup(html, "html.parser"))
        hits = 0

        def parse_and_count():
            nonlocal hits
            hits = len(BeautifulSoup(html, "html.parser").select(args.selector))

        counted = median_ms(args.runs, parse_and_count)
        tracemalloc.start()
        soup = BeautifulSoup(html, "html.parser")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del soup
        size = len(html)
        label = f"{size // 1000000} MB" if size >= 1000000 else f"{size // 1000} KB"
        print(f"{label:7} | {parse:9.1f} ms {peak / 1e6:9.1f} MB | {counted:9.1f} ms {hits:6d} hits",
              flush=True)


if __name__ == "__main__":
    main()
