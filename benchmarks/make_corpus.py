"""Write a deterministic synthetic briefing project for benchmarks.

    python benchmarks/make_corpus.py N_FACTS OUT_DIR

OUT_DIR gets `seeds/` (five synthetic seed texts, sources.yaml with their sha256, the
project's vocabularies copied unchanged, facts/*.yaml with N_FACTS facts) and
`templates/` (the project's section templates, a copy of `_base.yaml` and one outline,
`all-facts`, whose sections together select every fact). Each fact cites one whole
generated sentence of its seed; every sentence carries a unique serial token, so each
quote occurs exactly once. The same N_FACTS always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
KINDS = ("meeting", "priority", "engagement", "initiative", "statement", "context")
CRIME_TYPES = ("terrorism", "drug-trafficking", "trafficking-in-persons", "people-smuggling",
               "money-laundering", "cybercrime", "online-scams", "sea-piracy")
N_SEEDS = 5
SENTENCES_PER_LINE = 4

ACTORS = ("The delegation", "The ministers", "Senior officials", "The working group",
          "The secretariat", "The chair", "The task force", "Regional police chiefs",
          "The committee", "The experts")
VERBS = ("reviewed", "endorsed", "discussed", "welcomed", "noted", "adopted", "examined",
         "supported", "proposed", "assessed")
ADJS = ("regional", "joint", "annual", "cross-border", "practical", "national", "new",
        "updated", "coordinated", "shared")
NOUNS = ("plan of action", "information exchange", "training programme", "legal framework",
         "data platform", "capacity review", "cooperation roadmap", "work plan",
         "expert network", "joint exercise")
PLACES = ("Jakarta", "Kuala Lumpur", "Bangkok", "Manila", "Hanoi", "Vientiane",
          "Phnom Penh", "Singapore", "Bandar Seri Begawan", "Yangon")
TOPICS = ("online scams", "money laundering", "drug trafficking", "people smuggling",
          "cybercrime", "trafficking in persons", "sea piracy", "terrorist financing")


def sentence(rng: random.Random, serial: int) -> str:
    """Return one plain English sentence holding the unique token `R{serial:06d}`."""
    return (f"{rng.choice(ACTORS)} {rng.choice(VERBS)} the {rng.choice(ADJS)} "
            f"{rng.choice(NOUNS)} on {rng.choice(TOPICS)} in {rng.choice(PLACES)} "
            f"under reference R{serial:06d}.")


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def _day(i: int) -> str:
    """Return the date fact `i` gives (when it has one), as a text writes it."""
    return f"{1 + i % 28} {MONTH_NAMES[i % 12]} 2025"


def yq(text: str) -> str:
    """Quote a string for YAML (double quotes; our text has no quotes or backslashes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make(n_facts: int, out: Path) -> None:
    rng = random.Random(20251123 + n_facts)
    seeds_dir = out / "seeds"
    facts_dir = seeds_dir / "facts"
    if out.exists():
        shutil.rmtree(out)
    facts_dir.mkdir(parents=True)
    shutil.copytree(PROJECT / "seeds" / "vocab", seeds_dir / "vocab")
    (out / "templates" / "outlines").mkdir(parents=True)
    shutil.copytree(PROJECT / "templates" / "sections", out / "templates" / "sections")
    shutil.copy(PROJECT / "templates" / "outlines" / "_base.yaml",
                out / "templates" / "outlines" / "_base.yaml")

    # Facts are dealt round-robin to the seeds; each seed also holds uncited filler
    # sentences (one in four), as real seeds do.
    per_seed: list[list[tuple[int, str]]] = [[] for _ in range(N_SEEDS)]
    serial = 0
    for i in range(n_facts):
        serial += 1
        text = sentence(rng, serial)
        if i % 3 == 0:  # a dated fact: its quote writes its date (check requires it)
            text = text[:-1] + f" on {_day(i)}."
        per_seed[i % N_SEEDS].append((i, text))
    sources_lines = ["# Synthetic sources for benchmarks (benchmarks/make_corpus.py).",
                     "sources:"]
    for s in range(N_SEEDS):
        name = f"{s:03d}_synthetic.txt"
        # A dated source writes its date, as a dateline would.
        sentences: list[str] = [f"Synthetic report {s} on regional cooperation"
                                + (", 31 December 2025." if s % 2 == 0 else ".")]
        for _i, text in per_seed[s]:
            sentences.append(text)
            if rng.random() < 0.25:
                serial += 1
                sentences.append(sentence(rng, serial))
        lines = [" ".join(sentences[k:k + SENTENCES_PER_LINE])
                 for k in range(0, len(sentences), SENTENCES_PER_LINE)]
        data = ("\n\n".join(lines) + "\n").encode("utf-8")
        (seeds_dir / name).write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        sources_lines += [
            f"  - id: s{s:03d}",
            f"    file: {name}",
            f"    sha256: {sha}",
            f"    outlet: Synthetic Outlet {s}",
            f"    title: {yq(f'Synthetic report {s} on regional cooperation')}",
            "    date: 2025-12-31" if s % 2 == 0 else "    date: null",
        ]
        if s % 2:
            sources_lines.append("    date_note: The text gives no publication date.")
        sources_lines.append("")
    (seeds_dir / "sources.yaml").write_text("\n".join(sources_lines), encoding="utf-8")

    # One facts file per seed, so facts/*.yaml mirrors the real project's layout.
    for s in range(N_SEEDS):
        out_lines = [f"# Synthetic facts citing s{s:03d}.", "facts:"]
        for i, quote in per_seed[s]:
            kind = KINDS[i % len(KINDS)]
            crimes = sorted(set(rng.sample(CRIME_TYPES, 1 + i % 2)))
            text = "Reportedly, " + quote[0].lower() + quote[1:]
            out_lines += [
                f"  - id: f{i:06d}",
                f"    kind: {kind}",
                f"    text: {yq(text)}",
                f"    crime_types: [{', '.join(crimes)}]",
            ]
            if i % 3 == 0:
                out_lines.append(f'    date: "2025-{1 + i % 12:02d}-{1 + i % 28:02d}"')  # _day
            if i % 50 == 0:
                out_lines.append("    tags: [key]")
            out_lines += ["    citations:",
                          f"      - source: s{s:03d}",
                          f"        quote: {yq(quote)}",
                          ""]
        (facts_dir / f"{s:03d}-synthetic.yaml").write_text("\n".join(out_lines),
                                                           encoding="utf-8")

    outline = [
        "description: Every fact of the synthetic corpus, one bullet section per kind",
        "extends: _base",
        f"title: Synthetic brief of {n_facts} facts",
        "subtitle: Benchmark corpus",
        "audience: Benchmarks",
        # The DOCX figures are the writer's: LibreOffice numbering the contents is
        # measured on its own (the shipped briefs' build).
        "docx_toc_pages: none",
        "sections:",
        "  - title: Key points",
        "    template: key-points.md.j2",
        "    select: {tags: [key]}",
        "    options: {list_style: key-points}",
        "  - contents: Contents",
    ]
    for kind in KINDS:
        outline += [f"  - title: {kind.capitalize()} facts",
                    "    template: bullets.md.j2",
                    f"    select: {{kinds: [{kind}], sort: source}}",
                    "    empty: omit"]
    (out / "templates" / "outlines" / "all-facts.yaml").write_text("\n".join(outline) + "\n",
                                                                   encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    make(int(argv[0].replace(",", "").replace("_", "")), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
