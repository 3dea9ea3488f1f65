#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright (C) 2026 KPI Collector contributors
"""BeautifulSoup with html.parser on bench_html's pages, for comparison.

    build/ci/bench/bench_html --write-pages /tmp/html-pages
    /usr/bin/python3 bench/bs4_bench.py /tmp/html-pages [--runs N] [--selector CSS]

Per page: the median CPU time (and wall time) of BeautifulSoup(page, "html.parser") alone and with a
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
    """Median CPU time of this thread (as bench_html: on a shared machine, wall time
    measures the neighbours too) and median wall time, in milliseconds."""
    function()  # warm-up, not counted
    cpu, wall = [], []
    for _ in range(runs):
        gc.collect()
        start_cpu, start_wall = time.thread_time(), time.perf_counter()
        function()
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start_wall) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=pathlib.Path, help="directory with page-<bytes>.html")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--selector", default="article.post h2 > a")
    args = parser.parse_args()

    pages = sorted(args.pages.glob("page-*.html"), key=lambda p: p.stat().st_size)
    if not pages:
        raise SystemExit(f"no page-*.html in {args.pages}; run bench_html --write-pages first")
    print(f"median of {args.runs} runs: CPU time of the thread (wall time in brackets); "
          "peak = tracemalloc peak of one parse")
    print(f"selector: {args.selector}\n")
    print(f"{'page':7} | {'BeautifulSoup html.parser':36} | {'parse + select count':36}")
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
        print(f"{label:7} | {parse[0]:9.1f} ms ({parse[1]:9.1f} ms) {peak / 1e6:7.1f} MB | "
              f"{counted[0]:9.1f} ms ({counted[1]:9.1f} ms) {hits:5d} hits", flush=True)


if __name__ == "__main__":
    main()
