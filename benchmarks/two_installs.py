"""The same commands through two Python environments, taking turns: medians and the ratio.

For a change outside govgraph's own code (a dependency's version, an interpreter), where
national.py's ratio to `--version` cannot tell the two apart. Each environment needs govgraph
installed; the commands are national.yaml's after_build commands plus `--version`, run as fresh
processes on the synthetic arrangement SRC (`govgraph synth`); a first round, not counted, opens
or builds its stored graph in each environment.

    python benchmarks/two_installs.py /tmp/typer029/bin/python .venv/bin/python /tmp/govgraph-national/synth-1M

Prints one line per command: the median of each side, their difference and ratio (first / second).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

CONFIG = yaml.safe_load((Path(__file__).with_name("national.yaml")).read_text(encoding="utf-8"))


def commands(src: Path) -> dict[str, list[str]]:
    """`--version` and the after_build commands, for SRC (the `govgraph` word left off)."""
    return {"version": ["--version"],
            **{key: [part.format(src=src, out="") for part in template[1:]]
               for key, template in CONFIG["after_build"].items()}}


def installed(python: str) -> str:
    """What the environment runs: the versions of govgraph's main dependencies, and govgraph's folder."""
    code = ("from importlib import metadata; import govgraph, os; print(', '.join(f'{p} ' + metadata.version(p) "
            "for p in ('typer', 'rdflib', 'pyoxigraph', 'PyYAML')) + ', govgraph in ' + os.path.dirname(govgraph.__file__))")
    return subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, timeout=60).stdout.strip()


def seconds(python: str, args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([python, "-m", "govgraph", *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{python} -m govgraph {' '.join(args)} exited {done.returncode}: {done.stderr[-500:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", help="the Python of the first environment")
    parser.add_argument("second", help="the Python of the second environment")
    parser.add_argument("src", type=Path, help="the arrangement (built in both environments)")
    parser.add_argument("--repeat", type=int, default=7, help="rounds (each command once per side a round)")
    args = parser.parse_args()
    runs = commands(args.src)
    for argv in runs.values():  # one run each unmeasured: the stored graph opened, the files cached
        for python in (args.first, args.second):
            seconds(python, argv)
    samples: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.repeat):
        for key, argv in runs.items():
            for side, python in (("first", args.first), ("second", args.second)):
                samples.setdefault((key, side), []).append(seconds(python, argv))
    for side, python in (("first", args.first), ("second", args.second)):
        print(f"{side}: {python}: {installed(python)}")
    print(f"{args.repeat} rounds, medians")
    for key in runs:
        first, second = (statistics.median(samples[(key, side)]) for side in ("first", "second"))
        print(f"{key:14} first {first:.3f} s  second {second:.3f} s  "
              f"difference {1000 * (first - second):+.0f} ms  ratio {first / second:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
