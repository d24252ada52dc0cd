#!/usr/bin/env python3
"""tests/bench/stackwalk.py: crashpipe-stackwalk against Breakpad's minidump_stackwalk.

Both walk the same dumps with the same symbol directories (-m output), in
the same run on the same machine: every test dump of ../shared/testdata
with its symbols, printing per dump and as medians the wall-time speedup,
the CPU-time speedup (less sensitive to a busy machine) and the peak-memory
ratio.  crashpipe-stackwalk is timed twice: parsing every .sym
as Breakpad does, and with --symbol-cache mapping the caches it built on a
first, untimed run.  Times are medians of several alternating runs; peak
memory is that of one run under /usr/bin/time.
Breakpad's binary is the prebuilt one in the npm package `minidump`
(fetched with npm pack into var/bench, once).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def run_once(argv, cwd):
    """Wall ms and CPU ms (user + system) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def peak_kb(argv, cwd):
    """Peak resident KB of one run, from /usr/bin/time (wait4's counts the forked parent)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True).stderr
    return int(out.strip().splitlines()[-1])


def measure(argvs, cwd):
    """Median wall ms, median CPU ms and peak KB of each argv over alternating runs."""
    runs = [[] for _ in argvs]
    for _ in range(RUNS):
        for i, argv in enumerate(argvs):
            runs[i].append(run_once(argv, cwd))
    return ([statistics.median(r[0] for r in rs) for rs in runs],
            [statistics.median(r[1] for r in rs) for rs in runs],
            [peak_kb(a, cwd) for a in argvs])


def main():
    if not os.path.isdir(SHARED):
        print("bench: ../shared/testdata is absent; nothing to measure")
        return 0
    breakpad = breakpad_binary()
    cache = tempfile.mkdtemp(prefix="crashpipe-symcache-")
    print("(the machine may be shared: times vary with its load; ratios are within one run)")
    print("%-38s %8s %8s %8s %7s %7s %7s %8s %8s %7s" % (
        "dump", "bp ms", "cp ms", "cp+c ms", "speedup", "+cache", "cpu", "bp KB", "cp KB", "memory"))
    speedups, cached, cpu, memory = [], [], [], []
    for d, f in dumps():
        argvs = [[breakpad, "-m", f, "symbols"], [OURS, "-m", f, "symbols"],
                 [OURS, "-m", "--symbol-cache", cache, f, "symbols"]]
        subprocess.run(argvs[2], cwd=d, stdout=subprocess.DEVNULL)  # builds the kept caches
        (bt, ct, kt), (bc, cc, _), (bm, cm, _) = measure(argvs, d)
        speedups.append(bt / ct)
        cached.append(bt / kt)
        cpu.append(bc / max(cc, 0.001))
        memory.append(cm / bm)
        print("%-38s %8.2f %8.2f %8.2f %6.1fx %6.1fx %6.1fx %8d %8d %6.2fx" % (
            f, bt, ct, kt, bt / ct, bt / kt, cpu[-1], bm, cm, cm / bm))
    shutil.rmtree(cache)
    print("median speedup of crashpipe-stackwalk over minidump_stackwalk: %.1fx parsing the .sym files, "
          "%.1fx with --symbol-cache (%d dumps, %d runs each)"
          % (statistics.median(speedups), statistics.median(cached), len(speedups), RUNS))
    print("median CPU time (user + system) ratio, parsing the .sym files: %.1fx" % statistics.median(cpu))
    print("median peak memory of crashpipe-stackwalk relative to minidump_stackwalk: %.2fx"
          % statistics.median(memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
