"""How many of the shipped facts `briefing propose` finds again, from the seeds alone.

For a copy of the project with every fact file removed, `propose` runs on each source.
A shipped fact counts as found when some proposal quotes a passage overlapping one of
the fact's quotes (same source) and names the fact's meeting (or, for a fact without a
meeting, none). Prints the share overall, per source and per kind, and the facts
missed with why.

    .venv/bin/python benchmarks/propose_recall.py [--root DIR] [--missed]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.curate.propose import propose  # noqa: E402
from briefing.factbase.load import load_factbase  # noqa: E402
from briefing.project import Project  # noqa: E402


def measure(root: Path) -> tuple[list, list, dict]:
    """Return (found, missed, proposals by source) for the project at `root`."""
    shipped = load_factbase(Project(root)).require_valid()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(root / "seeds", copy / "seeds")
        for path in (copy / "seeds" / "facts").glob("*.yaml"):
            path.unlink()
        bare = load_factbase(Project(copy))  # errors: no facts, sources never cited
        by_source = {s.id: propose(bare, [s]).facts for s in bare.sources.values()}
    found, missed = [], []
    for fact in shipped.facts:
        overlapping = []
        for cit in fact.citations:
            for p in by_source.get(cit.source, ()):
                if p.passage.start < cit.location.end and cit.location.start < p.passage.end:
                    overlapping.append(p)
        # Right when the proposal's meeting is one the fact names (or both name none).
        right = [p for p in overlapping
                 if (p.meeting.id in fact.meetings if p.meeting else not fact.meetings)]
        (found if right else missed).append((fact, overlapping))
    return found, missed, by_source


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--missed", action="store_true", help="list the facts missed")
    args = parser.parse_args(argv)
    found, missed, by_source = measure(args.root)
    total = len(found) + len(missed)
    print(f"found again: {len(found)} of {total} shipped facts "
          f"({len(found) / total:.1%}); {sum(map(len, by_source.values()))} proposals")
    per_source = Counter(c.source for f, _ in found for c in f.citations[:1])
    all_source = Counter(c.source for f, _ in found + missed for c in f.citations[:1])
    for source in sorted(all_source):
        print(f"  {source:<18} {per_source[source]:>3} of {all_source[source]:>3}")
    per_kind = Counter(f.kind for f, _ in found)
    all_kind = Counter(f.kind for f, _ in found + missed)
    print("  by kind: " + ", ".join(f"{k} {per_kind[k]}/{all_kind[k]}" for k in sorted(all_kind)))
    if args.missed:
        for fact, near in missed:
            why = ("no proposal overlaps its quote" if not near else
                   "meeting " + ", ".join(sorted({p.meeting.id if p.meeting else "none"
                                                  for p in near})) + f" (fact: {', '.join(fact.meetings) or 'none'})")
            print(f"  missed {fact.id}: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
