#!/usr/bin/env python3
"""tests/bench/symbols.py: .sym parsing and symbol-cache lookup throughput (make bench).

Builds extension/core/symbols/bench/bench_symbols.c with -O2 and runs it on
two real symbol files: a large one made here with Breakpad's dump_syms (from
the npm package minidump) from Firefox ESR's libxul.so (scripts/deps.sh test
installs firefox-esr; Debian's libxul is stripped, so its .sym is mostly
STACK CFI), and rust-minidump's crash-client.sym (FUNC, line and INLINE
records). It prints MB/s of parsing and of parsing into a cache, and lookups
per second from the built cache.
"""
import os
import subprocess
import sys

import npm_minidump

REPO = npm_minidump.REPO
SHARED = os.path.join(os.path.dirname(REPO), "shared", "testdata")
LIBXUL = "/usr/lib/firefox-esr/libxul.so"
CRASH_CLIENT = os.path.join(SHARED, "rust-minidump", "testdata", "symbols", "crash-client",
                            "509C0610949836F7B70BD88BCF03E5400", "crash-client.sym")


def build():
    """bench_symbols, built with -O2 into var/bench."""
    out = os.path.join(npm_minidump.WORK, "bench_symbols")
    os.makedirs(npm_minidump.WORK, exist_ok=True)
    sym = os.path.join(REPO, "extension", "core", "symbols")
    sources = [os.path.join(sym, "bench", "bench_symbols.c"), os.path.join(REPO, "extension", "core", "md_alloc.c")]
    sources += sorted(os.path.join(sym, f) for f in os.listdir(sym) if f.endswith(".c"))
    subprocess.run(["cc", "-std=gnu11", "-O2", "-I" + os.path.join(REPO, "extension", "core"), "-I" + sym,
                    "-o", out] + sources, check=True)
    return out


def libxul_sym():
    """var/bench/libxul.sym, made with dump_syms the first time; None without firefox-esr."""
    path = os.path.join(npm_minidump.WORK, "libxul.sym")
    if not os.path.exists(path):
        if not os.path.exists(LIBXUL):
            return None
        with open(path + ".tmp", "wb") as out:
            subprocess.run([npm_minidump.binary("dump_syms"), LIBXUL], stdout=out,
                           stderr=subprocess.DEVNULL, check=True)
        os.rename(path + ".tmp", path)
    return path


def main():
    files = [f for f in (libxul_sym(), CRASH_CLIENT) if f and os.path.exists(f)]
    if not files:
        print("bench symbols: no .sym file to measure (firefox-esr and ../shared/testdata absent)")
        return 0
    print("symbol files (the machine may be shared; figures vary with its load):")
    return subprocess.run([build()] + files).returncode


if __name__ == "__main__":
    sys.exit(main())
