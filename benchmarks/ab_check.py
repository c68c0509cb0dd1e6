"""`briefing check` at two commits, run by turns: medians of wall and CPU time.

    python benchmarks/ab_check.py BASE [HEAD] [--runs 7] [--size 10000]

Each commit is exported (`git archive`) to a temporary folder and compiled; HEAD defaults
to the working tree. Each side checks its own copy of the corpus (`make_corpus.py`, from
HEAD) and of its own shipped project, so each keeps its own `.briefing-cache/` (an entry
is made for one version of the code). Measured, per round, base and head in turn (the
order swapped every round, so drift on a shared machine falls on both): `check` of the
corpus with its cache filled, with its cache deleted first ("no cache"), and of the
shipped project. Wall time by `time.perf_counter`, CPU time (user + system) by the
child's rusage. Nothing asserts: it measures and prints.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent


def _tree(rev: str | None, into: Path) -> Path:
    if rev is None:
        return PROJECT
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(PROJECT), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _run(code: Path, root: Path) -> tuple[float, float, int]:
    """Return (wall s, CPU s, exit status) of `briefing --root ROOT check` with `code`."""
    env = dict(os.environ, PYTHONPATH=str(code), LC_ALL="C.UTF-8")
    start = time.perf_counter()
    # In the code's own tree: `python -m` puts the working folder first on sys.path.
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "--root", str(root), "check"],
                            cwd=code, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", help="a commit (default: the working tree)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        code = {"base": _tree(args.base, tmp / "base"), "head": _tree(args.head, tmp / "head")}
        corpus = tmp / "corpus"
        subprocess.run([sys.executable, str(code["head"] / "benchmarks" / "make_corpus.py"),
                        str(args.size), str(corpus)], check=True, stdout=subprocess.DEVNULL)
        roots = {}
        for side, tree in code.items():
            compileall.compile_dir(tree / "briefing", quiet=1)  # as pip does on install
            roots[side, "corpus"] = shutil.copytree(corpus, tmp / f"corpus-{side}")
            shipped = tmp / f"shipped-{side}"
            for folder in ("seeds", "templates"):
                shutil.copytree(tree / folder, shipped / folder)
            roots[side, "shipped"] = shipped
            for kind in ("corpus", "shipped"):  # fills the cache; must pass
                if _run(tree, roots[side, kind])[2] != 0:
                    print(f"{side}: check of {kind} fails", file=sys.stderr)
                    return 1
        rows = [(f"check, {args.size:,} facts", "corpus", False),
                (f"check, {args.size:,} facts, no cache", "corpus", True),
                ("check, shipped project", "shipped", False)]
        found = {(name, side): [] for name, *_ in rows for side in code}
        for n in range(args.runs):
            for name, kind, cold in rows:
                for side in (("base", "head") if n % 2 == 0 else ("head", "base")):
                    if cold:
                        shutil.rmtree(roots[side, kind] / ".briefing-cache", ignore_errors=True)
                    wall, cpu, status = _run(code[side], roots[side, kind])
                    if status != 0:
                        print(f"{side}: {name} exits {status}", file=sys.stderr)
                        return 1
                    found[name, side].append((wall, cpu))
        print(f"medians of {args.runs} runs, base {args.base}, head {args.head or 'working tree'}")
        print(f"{'':40} {'base wall':>10} {'head wall':>10} {'ratio':>6} "
              f"{'base CPU':>10} {'head CPU':>10} {'ratio':>6}")
        for name, *_ in rows:
            bw, bc, hw, hc = (statistics.median(v[i] for v in found[name, side])
                              for side in ("base", "head") for i in (0, 1))
            print(f"{name:40} {bw:9.3f}s {hw:9.3f}s {hw / bw:6.2f} "
                  f"{bc:9.3f}s {hc:9.3f}s {hc / bc:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
