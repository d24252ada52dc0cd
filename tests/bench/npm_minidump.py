"""tests/bench/npm_minidump.py: Breakpad's prebuilt tools from the npm package `minidump`.

The package ships minidump_stackwalk, minidump_dump and dump_syms for Linux
x86-64; it is fetched with `npm pack` (its install scripts want git and yarn)
into var/bench once and unpacked there.
"""
import os
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.path.join(REPO, "var", "bench")
VERSION = "0.26.0"


def binary(name):
    """The path of one of the package's linux-x64 tools, fetching the package if needed."""
    path = os.path.join(WORK, "package", "bin", "linux-x64", name)
    if not os.path.exists(path):
        os.makedirs(WORK, exist_ok=True)
        subprocess.run(["npm", "pack", "minidump@" + VERSION], cwd=WORK, check=True, capture_output=True)
        subprocess.run(["tar", "xzf", "minidump-%s.tgz" % VERSION], cwd=WORK, check=True)
    return path
