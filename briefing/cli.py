"""The `briefing` command: the only module that prints or exits."""

from __future__ import annotations

import argparse
import json
import shutil
import sys

from briefing import __version__
from briefing.errors import BriefingError, Problem, UnusableInput
from briefing.project import find_project


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv`; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BriefingError as exc:
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        if len(exc.problems) > 1:
            print(f"{len(exc.problems)} errors", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0


def entrypoint() -> None:
    """Console-script entry: run `main` on sys.argv and exit with its status."""
    import gc
    import os

    # One command, then exit: the data a run builds (tens of thousands of small
    # mappings for a large fact base) lives to the end, so the cycle collector would
    # only rescan it, again and again, for ~20% of the time. BRIEFING_GC=1 keeps it on.
    if os.environ.get("BRIEFING_GC") != "1":
        gc.disable()
    sys.exit(main(sys.argv[1:]))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Build sourced briefs (DOCX, PDF, Markdown) on ASEAN cooperation against "
                    "transnational crime from curated facts that cite the seed texts.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--root", metavar="DIR",
                        help="project folder (default: the nearest folder up from here "
                             "holding seeds/sources.yaml)")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    check = sub.add_parser("check", help="validate sources, vocabularies, facts and citations",
                           description="Check every fact against the seed texts and print a "
                                       "summary. Exit 0 when valid, 1 when the data is "
                                       "invalid, 2 when input cannot be read.")
    check.set_defaults(run=_check)

    facts = sub.add_parser("facts", help="list facts, filtered",
                           description="List the facts, optionally filtered; as a table or JSON.")
    facts.add_argument("--kind", action="append", default=[], help="meeting, priority, "
                       "engagement, initiative, statement or context (repeatable)")
    facts.add_argument("--crime", action="append", default=[], metavar="ID",
                       help="crime type id; includes narrower types (repeatable)")
    facts.add_argument("--partner", action="append", default=[], metavar="ID",
                       help="partner id (repeatable)")
    facts.add_argument("--meeting", action="append", default=[], metavar="ID",
                       help="meeting id; includes sessions held under it (repeatable)")
    facts.add_argument("--source", action="append", default=[], metavar="ID",
                       help="source or segment id; s002 selects all its segments (repeatable)")
    facts.add_argument("--json", action="store_true", help="print JSON instead of a table")
    facts.set_defaults(run=_facts)

    sources = sub.add_parser("sources", help="list sources with what the facts cite of each",
                             description="List each source with its fact and citation counts "
                                         "and the share of its sentences that some fact cites.")
    sources.add_argument("--json", action="store_true", help="print JSON instead of a table")
    sources.set_defaults(run=_sources)

    build = sub.add_parser("build", help="build briefs as DOCX, PDF and Markdown",
                           description="Build the named outlines (default: every shipped "
                                       "outline) in their formats, printing one line per file "
                                       "written.")
    build.add_argument("outlines", nargs="*", metavar="OUTLINE",
                       help="outline names (see `briefing outlines`)")
    build.add_argument("--format", metavar="LIST",
                       help="comma-separated formats to build: docx, pdf, md (default: the "
                            "outline's formats)")
    build.add_argument("--out", metavar="DIR", help="output folder (default: out/)")
    build.add_argument("--force", action="store_true",
                       help="rebuild every output, even those that are up to date")
    build.set_defaults(run=_build)

    outlines = sub.add_parser("outlines", help="list the outlines with their descriptions",
                              description="List the buildable outlines.")
    outlines.set_defaults(run=_outlines)
    return parser


def _load(args, valid: bool = True):
    from briefing.factbase.load import load_factbase

    base = load_factbase(find_project(args.root))
    return base.require_valid() if valid else base


def _check(args) -> int:
    base = _load(args, valid=False)
    for problem in base.errors + base.warnings:
        print(problem.format(), file=sys.stderr)
    cited = base.citation_count
    total = sum(len(f.citations) for f in base.facts)
    seeds = {s.file for s in base.sources.values()}
    print(f"sources:   {len(seeds)} seed files, {len(base.sources)} citable sources")
    print(f"facts:     {len(base.facts)}")
    print(f"citations: {cited} of {total} verified in their seeds")
    print(f"conflicts: {len(base.conflicts)}")
    for conflict in base.conflicts:
        print(f"  - {conflict.describe()}")
    print(f"warnings:  {len(base.warnings)}")
    print(f"errors:    {len(base.errors)}")
    if base.errors:
        print("check failed: the fact base is invalid", file=sys.stderr)
        return 1
    print("ok")
    return 0


def _facts(args) -> int:
    from briefing.assemble.select import Selection, select, source_matches

    base = _load(args)
    for kind, ids in (("crime_types", args.crime), ("partners", args.partner),
                      ("meetings", args.meeting)):
        for value in ids:
            if value not in base.vocab[kind]:
                raise UnusableInput(Problem(f"unknown {kind.replace('_', ' ')} id '{value}'",
                                            hint=f"ids are in seeds/vocab/{kind}.yaml"))
    for value in args.source:
        if not any(source_matches(s, (value,)) for s in base.sources):
            raise UnusableInput(Problem(f"unknown source id '{value}'",
                                        hint="source ids are in seeds/sources.yaml"))
    sel = Selection(kinds=tuple(args.kind), crime_types=tuple(args.crime),
                    partners=tuple(args.partner), meetings=tuple(args.meeting),
                    sources=tuple(args.source))
    chosen = select(base.facts, base.vocab, sel)
    if args.json:
        json.dump([_fact_json(base, f) for f in chosen], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    width = shutil.get_terminal_size((120, 20)).columns
    rows = [(f.id, f.kind, f.date.iso() if f.date else "-",
             ",".join(f.sources), f.text) for f in chosen]
    _table(("id", "kind", "date", "sources", "text"), rows, width)
    print(f"{len(chosen)} of {len(base.facts)} facts")
    return 0


def _fact_json(base, fact) -> dict:
    data = {
        "id": fact.id, "kind": fact.kind, "text": fact.text,
        "meeting": fact.meeting, "crime_types": list(fact.crime_types),
        "partners": list(fact.partners), "member_states": list(fact.member_states),
        "people": list(fact.people), "initiatives": list(fact.initiatives),
        "date": fact.date.iso() if fact.date else None,
        "date_precision": fact.date.precision if fact.date else "not stated",
        "place": fact.place, "attributes": fact.attributes, "tags": list(fact.tags),
        "rank": fact.rank,
        "defined_at": f"{fact.file}:{fact.line}",
        "conflicts": [c.describe() for c in base.conflicts_of.get(fact.id, [])],
        "citations": [],
    }
    for cit in fact.citations:
        source = base.sources[cit.source]
        loc = cit.location
        data["citations"].append({
            "source": cit.source, "file": source.file, "outlet": source.outlet,
            "quote": cit.quote, "line": loc.line, "column": loc.column,
            "end_line": loc.end_line, "start": loc.start, "end": loc.end})
    return data


def _sources(args) -> int:
    from briefing.factbase.coverage import coverage

    base = _load(args)
    result = coverage(base.sources, base.facts)
    if args.json:
        json.dump([{
            "id": c.source.id, "file": c.source.file, "lines": [c.source.first_line,
                                                              c.source.last_line],
            "outlet": c.source.outlet, "title": c.source.title, "label": c.source.label,
            "date": c.source.date.iso() if c.source.date else None,
            "facts": c.facts, "citations": c.citations, "sentences": c.sentences,
            "cited_sentences": c.cited_sentences, "share": round(c.share, 3),
        } for c in result], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    rows = [(c.source.id, c.source.file, f"{c.source.first_line}-{c.source.last_line}",
             c.source.outlet or "-", str(c.facts), str(c.citations),
             f"{c.cited_sentences}/{c.sentences}", f"{c.share:.0%}") for c in result]
    _table(("id", "file", "lines", "outlet", "facts", "citations", "sentences cited",
            "share"), rows, shutil.get_terminal_size((120, 20)).columns)
    return 0


def _build(args) -> int:
    from pathlib import Path

    from briefing.build import build, parse_formats

    project = find_project(args.root)
    formats = parse_formats(args.format)
    out_dir = Path(args.out) if args.out else project.root / "out"
    from briefing.publish.changes import summary

    result = build(project, args.outlines, formats, out_dir, force=args.force)
    for output in result.outputs:
        if output.status == "written":
            print(f"wrote {output.path} ({output.size:,} bytes)")
        elif output.status == "removed":
            print(f"removed {output.path} (its outline or format is gone)")
        else:
            print(f"up to date: {output.path}")
    print(f"{result.count('written')} written, {result.count('up to date')} up to date, "
          f"{result.count('removed')} removed")
    if result.changes:
        print(f"changes: {summary(result.changes)} (see {out_dir / 'CHANGES.md'})")
    return 0


def _outlines(args) -> int:
    from briefing.build import load_outlines

    project = find_project(args.root)
    base = _load(args)
    rows = [(o.name, ",".join(o.formats), o.description or o.title)
            for o in load_outlines(project, base, [])]
    _table(("outline", "formats", "description"), rows,
           shutil.get_terminal_size((120, 20)).columns)
    return 0


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], width: int) -> None:
    """Print rows in aligned columns; the last column is cut to fit `width`."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]
    rest = max(20, width - sum(widths) - 2 * len(widths))
    for row in [header, *rows]:
        cells = [str(c).ljust(w) for c, w in zip(row, widths)]
        last = str(row[-1])
        cells.append(last if len(last) <= rest else last[: rest - 1] + "…")
        print("  ".join(cells).rstrip())
