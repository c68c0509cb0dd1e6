"""Build every shipped outline at two commits and compare the outputs byte for byte.

    .venv/bin/python .ci/compare_outputs.py BASE [HEAD] [--corpus N]

Each commit is checked out into a temporary git worktree and built there with the
Python running this script (its own package on PYTHONPATH, so the venv's dependencies
are shared), into a folder of its own. `--corpus N` also builds the benchmarks' synthetic
corpus of N facts (made by BASE's `benchmarks/make_corpus.py`) with both commits. HEAD
defaults to the working tree as it is (uncommitted changes included). Prints one line
per file and a summary; exits 1 when any file differs or is missing on one side.

`manifest.json` records digests of the code that wrote each file (the writer, the
package), which a change of code changes by design: it is compared by what it says of
the outputs (each file's recorded sha256), not byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _worktree(rev: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(into), rev],
                   check=True)
    return into


def _build(code: Path, project: Path, out: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(code), BRIEFING_CACHE="0", LC_ALL="C.UTF-8")
    env.pop("SOURCE_DATE_EPOCH", None)
    # Run in the commit's own tree: `python -m` puts the working folder first on sys.path,
    # ahead of PYTHONPATH, so run from elsewhere it would import that folder's package.
    subprocess.run([sys.executable, "-m", "briefing", "--root", str(project), "build",
                    "--force", "--out", str(out)], check=True, env=env, cwd=code,
                   stdout=subprocess.DEVNULL)


def _digests(folder: Path) -> dict[str, str]:
    found = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(folder.rglob("*")) if p.is_file()}
    manifest = folder / "manifest.json"
    if manifest.is_file():
        outputs = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
        found["manifest.json"] = repr(sorted((k, v["sha256"]) for k, v in outputs.items()))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", help="a commit (default: the working tree)")
    parser.add_argument("--corpus", type=int, default=0, metavar="N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        trees = {"base": _worktree(args.base, tmp / "base")}
        trees["head"] = _worktree(args.head, tmp / "head") if args.head else REPO
        try:
            projects = {"shipped": None}
            if args.corpus:
                corpus = tmp / "corpus"
                subprocess.run([sys.executable, str(trees["base"] / "benchmarks" /
                                                    "make_corpus.py"), str(args.corpus),
                                str(corpus)], check=True, stdout=subprocess.DEVNULL)
                projects[f"corpus-{args.corpus}"] = corpus
            bad = same = 0
            for label, project in projects.items():
                found = {}
                for side, code in trees.items():
                    out = tmp / f"out-{label}-{side}"
                    _build(code, project or code, out)
                    found[side] = _digests(out)
                for name in sorted(set(found["base"]) | set(found["head"])):
                    a, b = found["base"].get(name), found["head"].get(name)
                    if a == b:
                        same += 1
                        print(f"same     {label}/{name}")
                    else:
                        bad += 1
                        state = "missing in head" if b is None else (
                            "missing in base" if a is None else "differs")
                        print(f"DIFFERS  {label}/{name} ({state})")
            print(f"{same} files byte-identical, {bad} different")
            return 1 if bad else 0
        finally:
            for side, tree in trees.items():
                if tree != REPO:
                    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                                    str(tree)], check=False)


if __name__ == "__main__":
    sys.exit(main())
