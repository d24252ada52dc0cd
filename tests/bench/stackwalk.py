#!/usr/bin/env python3
"""tests/bench/stackwalk.py: crashpipe-stackwalk against Breakpad's minidump_stackwalk.

Both walk the same dumps with the same symbol directories (-m output), in
the same run on the same machine: every test dump of ../shared/testdata
with its symbols.  For each dump it prints the median wall time of several
alternating runs of each program and the peak memory of one run under
/usr/bin/time, then the ratios; the last lines are the medians.
Breakpad's binary is the prebuilt one in the npm package `minidump`
(fetched with npm pack into var/bench, once).
"""
import os
import statistics
import subprocess
import sys
import time

import npm_minidump

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "testdata")
OURS = os.path.join(REPO, "extension", "core", "walker", "cli", "crashpipe-stackwalk")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def breakpad_binary():
    """Breakpad's minidump_stackwalk from the npm package minidump, fetched once."""
    return npm_minidump.binary("minidump_stackwalk")


def dumps():
    """(directory, dump file) for every binary minidump with a symbols directory beside it."""
    for sub in ("breakpad", os.path.join("rust-minidump", "testdata")):
        d = os.path.join(SHARED, sub)
        for f in sorted(os.listdir(d)):
            if f.endswith(".dmp") and not f.startswith("microdump-") and not f.startswith("invalid-"):
                yield d, f


def wall_ms(argv, cwd):
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def peak_kb(argv, cwd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True).stderr
    return int(out.strip().splitlines()[-1])


def measure(argvs, cwd):
    """Median wall ms of each argv over alternating runs, and each one's peak KB."""
    times = [[] for _ in argvs]
    for _ in range(RUNS):
        for i, argv in enumerate(argvs):
            times[i].append(wall_ms(argv, cwd))
    return [statistics.median(t) for t in times], [peak_kb(a, cwd) for a in argvs]


def main():
    if not os.path.isdir(SHARED):
        print("bench: ../shared/testdata is absent; nothing to measure")
        return 0
    breakpad = breakpad_binary()
    print("%-40s %12s %12s %8s %12s %12s %8s" % ("dump", "breakpad ms", "crashpipe ms", "speedup",
                                                 "breakpad KB", "crashpipe KB", "memory"))
    speedups, memory = [], []
    for d, f in dumps():
        argvs = [[breakpad, "-m", f, "symbols"], [OURS, "-m", f, "symbols"]]
        (bt, ct), (bm, cm) = measure(argvs, d)
        speedups.append(bt / ct)
        memory.append(cm / bm)
        print("%-40s %12.2f %12.2f %7.1fx %12d %12d %7.2fx" % (f, bt, ct, bt / ct, bm, cm, cm / bm))
    print("median speedup of crashpipe-stackwalk over minidump_stackwalk: %.1fx (%d dumps, %d runs each)"
          % (statistics.median(speedups), len(speedups), RUNS))
    print("median peak memory of crashpipe-stackwalk relative to minidump_stackwalk: %.2fx"
          % statistics.median(memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
