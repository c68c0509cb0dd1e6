"""The `briefing` command: the only module that prints or exits."""

from __future__ import annotations

import json
import os
import shutil
import sys
import traceback

from briefing.arguments import parser
from briefing.errors import (
    UNUSABLE_INPUT,
    BriefingError,
    Problem,
    UnusableInput,
    shown_text,
)
from briefing.project import find_project


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv`; return the exit status.

    The one place errors end: a problem with the input or the arguments is printed as
    its message (file, line, what, how to fix) with exit 1 (invalid data) or 2
    (unreadable input, bad arguments); a failing disk or folder as one line naming the
    file, exit 2; anything else is a bug, printed as "internal error" (with the
    traceback under --debug), exit 2. Never a bare traceback.
    """
    args = parser().parse_args(argv)
    debug = args.debug or os.environ.get("BRIEFING_DEBUG") == "1"
    try:
        return _RUN[args.command](args)
    except BriefingError as exc:
        if debug:
            traceback.print_exc()
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        if len(exc.problems) > 1:
            print(f"{len(exc.problems)} errors", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0  # the reader of our output (`| head`) stopped reading
    except KeyboardInterrupt:
        print("briefing: interrupted" + ("; the output folder is as it was, or the next "
              "build completes what this one began" if args.command == "build" else ""),
              file=sys.stderr)
        return 130
    except OSError as exc:
        # The machine rather than the input: a full disk, a folder that vanished.
        if debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{where}error: {exc.strerror or exc}", file=sys.stderr)
        return UNUSABLE_INPUT
    except MemoryError:
        print("briefing: error: out of memory", file=sys.stderr)
        return UNUSABLE_INPUT
    except Exception as exc:  # noqa: BLE001 - the boundary: a bug, said as one
        if debug:
            traceback.print_exc()
        print(f"briefing: internal error while running `{args.command}`: "
              f"{type(exc).__name__}: {shown_text(str(exc), 300)}\n"
              "  this is a bug: please report it with the output of "
              f"`briefing --debug {args.command} ...`", file=sys.stderr)
        return UNUSABLE_INPUT


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


def _load(args, valid: bool = True):
    from briefing.factbase.load import load_factbase

    base = load_factbase(find_project(args.root))
    return base.require_valid() if valid else base


def _check(args) -> int:
    from briefing.assemble.outline import outline_names
    from briefing.checks import check_outlines

    base = _load(args, valid=False)
    outline_errors, outline_warnings = check_outlines(base.project, base)
    errors = base.errors + outline_errors
    warnings = base.warnings + outline_warnings
    for problem in errors + warnings:
        print(problem.format(), file=sys.stderr)
    cited = base.citation_count
    total = sum(len(f.citations) for f in base.facts)
    seeds = {s.file for s in base.sources.values()}
    print(f"sources:   {len(seeds)} seed files, {len(base.sources)} citable sources")
    print(f"facts:     {len(base.facts)}")
    print(f"citations: {cited} of {total} verified in their seeds")
    if base.curator_labels:
        print(f"curator's labels: {len(base.curator_labels)} (names no seed states; headings "
              "show the seeds' own name, or mark the label as the curator's)")
        for entry in base.curator_labels:
            print(f"  - {entry.kind}: {entry.id}: {entry.name!r} -> {entry.shown!r}")
    merged = base.vocab.merged()
    if merged:
        print(f"merged:    {len(merged)} (same_as: one event, one id)")
        for kind, old, new in merged:
            print(f"  - {kind}: {old} -> {new}")
    print(f"conflicts: {len(base.conflicts)}")
    for conflict in base.conflicts:
        print(f"  - {conflict.describe()}")
    print(f"outlines:  {len(outline_names(base.project.outlines))} checked with their "
          "templates" + ("" if not base.errors else " (not assembled: the fact base has errors)"))
    from briefing.assemble.assessment import STALE, assessment_names

    stale = sum(1 for w in warnings if STALE in w.message)
    print(f"assessments: {len(assessment_names(base.project))} checked, {stale} stale or "
          "unreviewed judgements")
    print(f"warnings:  {len(warnings)}")
    print(f"errors:    {len(errors)}")
    if warnings and args.strict and not errors:
        print(f"check failed: {len(warnings)} warnings, and --strict fails on any",
              file=sys.stderr)
        return 1
    if errors:
        print("check failed: " + ("the fact base is invalid" if base.errors else
                                  "an outline, template or assessment is invalid"),
              file=sys.stderr)
        return 1
    print("ok")
    return 0


def _facts(args) -> int:
    from briefing.assemble.select import Selection, select, source_matches
    from briefing.factbase.facts import KINDS

    base = _load(args)
    for value in args.kind:
        if value not in KINDS:
            raise UnusableInput(Problem(f"unknown kind '{value}'",
                                        hint="kinds: " + ", ".join(KINDS)))
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
    rows = [(f.text, f.id, f.kind, f.date.iso() if f.date else "-", ",".join(f.sources))
            for f in chosen]
    from briefing.terminal import wrapped_table

    for line in wrapped_table(("text", "id", "kind", "date", "sources"), rows, width):
        print(line)
    print(f"{len(chosen)} of {len(base.facts)} facts")
    return 0


def _fact_json(base, fact) -> dict:
    data = {
        "id": fact.id, "kind": fact.kind, "text": fact.text,
        "meetings": list(fact.meetings), "crime_types": list(fact.crime_types),
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
            "url": c.source.url, "status": c.source.status,
            "retrieved": c.source.retrieved.iso() if c.source.retrieved else None,
            "facts": c.facts, "citations": c.citations, "sentences": c.sentences,
            "cited_sentences": c.cited_sentences, "share": round(c.share, 3),
        } for c in result], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    rows = [(c.source.id + (" (draft)" if c.source.status == "draft" else ""), c.source.file,
             f"{c.source.first_line}-{c.source.last_line}", c.source.outlet or "-",
             str(c.facts), str(c.citations), f"{c.cited_sentences}/{c.sentences}",
             f"{c.share:.0%}", c.source.url or "-") for c in result]
    _table(("id", "file", "lines", "outlet", "facts", "citations", "sentences cited",
            "share", "url"), rows, shutil.get_terminal_size((120, 20)).columns)
    return 0


def _build(args) -> int:
    from pathlib import Path

    from briefing.build import Options, build, parse_formats

    formats = parse_formats(args.format)
    if args.out is not None and not args.out.strip():
        raise UnusableInput(Problem("--out names no folder", hint="pass --out DIR, or leave "
                                    "it out to build into the project's out/"))
    project = find_project(args.root)
    out_dir = Path(args.out) if args.out is not None else project.default_out()
    from briefing.publish.changes import summary

    result = build(project, args.outlines, formats, out_dir, force=args.force,
                   options=Options(args.docx_toc_pages, args.md_flavour))
    for problem in result.warnings:
        print(problem.format(), file=sys.stderr)
    for output in result.outputs:
        if output.status == "written":
            print(f"wrote {output.path} ({output.size:,} bytes)")
        elif output.status == "removed":
            print(f"removed {output.path} (its outline or format is gone)")
        elif output.status == "unchanged":
            print(f"rebuilt, the same bytes: {output.path}")
        else:
            print(f"up to date: {output.path}")
    print(f"{result.count('written')} written, "
          + (f"{result.count('unchanged')} rebuilt unchanged, " if result.count("unchanged")
             else "")
          + f"{result.count('up to date')} up to date, {result.count('removed')} removed")
    if result.changes:
        print(f"changes: {summary(result.changes)} (see {out_dir / 'CHANGES.md'})")
    else:
        print("changes: none (no output's bytes changed; CHANGES.md is left as it was)")
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


def _add_source(args) -> int:
    from pathlib import Path

    from briefing.curate.add_source import add_source

    project = find_project(args.root)
    added = add_source(project, Path(args.file), args.id, args.outlet, args.title, args.date,
                       args.url, args.retrieved)
    shown = added.seed.relative_to(project.root).as_posix()
    if added.copied:
        print(f"copied {args.file} to {shown} ({added.size:,} bytes, sha256 "
              f"{added.sha256[:12]}…)")
    else:
        print(f"{shown} is in seeds/ already ({added.size:,} bytes, sha256 {added.sha256[:12]}…)")
    print(f"registered source {added.id} in seeds/sources.yaml (status: draft)")
    for note in added.notes:
        print(f"note: {note}")
    if added.dateline and not args.date:
        print(f"note: the text's dateline reads \"{added.dateline}\"; if it gives the "
              "publication date, record it as the source's date")
    print(f"next: briefing uncited {added.id}; briefing propose {added.id} --append "
          f"seeds/facts/{added.id}.yaml")
    return 0


def _curation_base(args):
    """Return the fact base as it is: curation works on one with errors too, and says so."""
    base = _load(args, valid=False)
    if base.errors:
        print(f"note: the fact base has {len(base.errors)} errors (see `briefing check`); "
              "a fact whose quote is not found cites nothing here", file=sys.stderr)
    return base


def _uncited(args) -> int:
    from briefing.curate.uncited import passage_json, sources_named, uncited

    base = _curation_base(args)
    report = []
    for source in sources_named(base, args.source):
        passages, debris = uncited(base, source)
        report.append((source, passages, debris))
    if args.json:
        json.dump([passage_json(p) for _, passages, _ in report for p in passages], sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
        return 0
    for source, passages, debris in report:
        skipped = f"; {debris} passages of debris skipped" if debris else ""
        print(f"{source.id} ({source.file}, lines {source.first_line}-{source.last_line}): "
              f"{len(passages)} sentences no fact cites{skipped}")
        for p in passages:
            lines = f"line {p.line}" if p.line == p.end_line else f"lines {p.line}-{p.end_line}"
            mark = ("  [looks like web debris: declare it under 'debris:' in sources.yaml]"
                    if p.debris else
                    "  [no final punctuation: a heading, byline or caption?]" if p.fragment
                    else "")
            print(f"  {lines}: {' '.join(p.text.split())}{mark}")
    return 0


def _propose(args) -> int:
    from pathlib import Path

    from briefing.curate.propose import propose
    from briefing.curate.uncited import sources_named
    from briefing.curate.yamlout import new_names_text, proposals_yaml

    base = _curation_base(args)
    found = propose(base, sources_named(base, args.source))
    if not args.append:
        print(proposals_yaml(found), end="")
        print(new_names_text(found), end="")
        print(f"{len(found.facts)} facts proposed", file=sys.stderr)
        return 0
    from briefing.curate.append import append_proposals

    target = append_proposals(base.project, Path(args.append), found)
    if found.facts:
        print(f"appended {len(found.facts)} proposed facts to {target}; check passes on them. "
              "Confirm each line marked 'guess' and rewrite each 'draft', then run "
              "`briefing check`.")
    else:
        print(f"nothing to append: every sentence of {args.source} is cited")
    print(new_names_text(found), end="")
    return 0


def _review(args) -> int:
    from briefing.curate.review import record_pins, review_changes

    base = _load(args)
    found = review_changes(base, args.assessment)
    if not found.changed:
        print(f"{found.shown}: every item is reviewed against the facts as they stand; "
              "nothing to do")
        return 0
    for item, changes in found.changed:
        facts = f"{len(changes)} fact" + ("s" if len(changes) > 1 else "")
        print(f"{found.shown}:{item.line}: {item.what} ({facts})")
        for change in changes:
            print("  " + change.describe().replace("\n", "\n  "))
    accept = args.accept
    if not accept and not args.no_input and sys.stdin.isatty():
        try:
            answer = input(f"Does each still hold? Record the {len(found.changed)} items as "
                           "reviewed [y/N] ")
        except EOFError:  # the input closed: no answer is no
            answer = ""
        accept = answer.strip().lower() in ("y", "yes")
    if not accept:
        print("nothing recorded: reread the items above, edit any that no longer hold, "
              f"then run `briefing review {args.assessment} --accept`")
        return 0
    record_pins(base, found)
    print(f"recorded the pins of {len(found.changed)} items in {found.shown}")
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


# What each command runs (`briefing.arguments` names them).
_RUN = {
    "check": _check,
    "facts": _facts,
    "sources": _sources,
    "build": _build,
    "outlines": _outlines,
    "review": _review,
    "add-source": _add_source,
    "uncited": _uncited,
    "propose": _propose,
}
