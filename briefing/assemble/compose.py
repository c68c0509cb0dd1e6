"""Assembly: an outline and the fact base become a Brief (the format-neutral model).

Select each section's facts, render its template to markup, parse the markup into
blocks, add the figures the section asks for (`figures.py`) at its end, number
the notes and figures in reading order, and place a "Sources differ" box after the
first block of a section that uses a fact in conflict. Nothing here renders a format.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from briefing import model as m
from briefing.assemble.figures import build_figure
from briefing.assemble.markers import join_ranges, one_marker_per_unit, renumber
from briefing.assemble.markup import MarkupError, parse
from briefing.assemble.notes import NoteBook
from briefing.assemble.outline import Outline, Section
from briefing.assemble.select import select, source_matches
from briefing.assemble.templates import Templates, fact_view
from briefing.errors import DataInvalid, Problem, display_path
from briefing.factbase.conflicts import Conflict
from briefing.factbase.dates import display_date
from briefing.factbase.load import FactBase

EMPTY_TEXT = "None of the facts in this brief's sources falls under this heading."


def assemble(base: FactBase, outline: Outline, templates: Templates,
             build_date: str) -> m.Brief:
    """Return the Brief for `outline`; raise DataInvalid naming the outline or template."""
    notes = NoteBook(base.sources, outline.quote_length,
                     reuse=outline.repeated_notes == "reuse", style=outline.note_style,
                     with_file=not outline.sources_list)
    blocks: list[m.Block] = []
    shown = 0
    for section in outline.sections:
        added = _section(base, outline, templates, section, notes)
        shown += bool(added) and section.contents is None
        blocks += added
    if not shown:
        raise DataInvalid(Problem(
            f"the brief would be empty: no section of outline '{outline.name}' selects any "
            "fact, and each section that selects none is left out (empty: omit)",
            display_path(outline.path, base.project.root),
            hint="widen a section's 'select', or set 'empty: say' so the brief says what is "
                 "missing"))
    if outline.sources_list:
        blocks += sources_list(base)
    meta = m.Meta(
        title=outline.title, subtitle=outline.subtitle, audience=outline.audience,
        classification=outline.classification, organisation=outline.organisation,
        as_of=display_date(outline.as_of_date) if outline.as_of_date else "",
        author=outline.author or outline.organisation, subject=outline.subject or outline.title,
        keywords=tuple(outline.keywords), page_size=outline.page_size,
        note_placement=outline.citation_style, cover=outline.cover, build_date=build_date,
        name=outline.name)  # the reference .docx: read at the trust boundary, by the build
    blocks = one_marker_per_unit(tuple(_numbered_figures(_with_anchors(blocks))))
    body, numbered = renumber(blocks, notes.finished())
    return m.Brief(meta, join_ranges(_figure_markers(body)), numbered)


def _section(base: FactBase, outline: Outline, templates: Templates, section: Section,
             notes: NoteBook) -> list[m.Block]:
    if section.contents:
        return [m.TableOfContents(section.contents)]
    shown = display_path(outline.path, base.project.root)
    _check_selection(base, section, shown)
    facts = select(base.facts, base.vocab, section.selection)
    heading = m.Heading(1, (m.Text(section.title),), "")
    if not facts:
        return [] if section.empty == "omit" else [heading, m.Paragraph((m.Text(EMPTY_TEXT),))]
    views = [fact_view(f, base.vocab) for f in facts]
    text = templates.render(section.template, facts=views,
                            section={"title": section.title, "options": section.options},
                            brief={"title": outline.title, "name": outline.name})

    def cite(ids: list[str]) -> tuple[m.Inline, ...]:
        refs: list[m.Inline] = []
        for fid in ids:
            if fid not in base.by_id:
                raise DataInvalid(Problem(f"template cites unknown fact '{fid}'",
                                          display_path(templates.folder / section.template,
                                                       base.project.root)))
            refs += notes.cite(base.by_id[fid])
        return tuple(refs)

    try:
        body = parse(text, cite, lambda fid: base.by_id[fid].text)
    except MarkupError as exc:
        raise DataInvalid(Problem(f"section '{section.title}': {exc}",
                                  display_path(templates.folder / section.template,
                                               base.project.root))) from None
    body = [_styled(block, section.options) for block in body]
    shown: set[int] = set()
    body = _with_conflicts(body, base, notes, shown)
    figures = _with_conflicts(_figures(base, section, facts, notes), base, notes, shown)
    return [heading, *body, *figures]


def _figures(base: FactBase, section: Section, facts, notes: NoteBook) -> list[m.Figure]:
    """Return the section's figures, each drawn from its own selection or the section's."""
    out = []
    for spec in section.figures:
        sel = spec.selection or section.selection
        chosen = facts if spec.selection is None else select(base.facts, base.vocab, sel)
        rows_from = {"partners_by_meeting": sel.partners,
                     "crimes_by_meeting": sel.crime_types}.get(spec.name, ())
        figure = build_figure(spec.name, chosen, base.vocab, base.conflicts, notes.cite_once,
                              spec.caption, rows_from)
        if figure is not None:
            out.append(figure)
    return out


def _numbered_figures(blocks: list[m.Block]) -> list[m.Block]:
    """Return `blocks` with figures numbered 1..N in reading order."""
    count = 0
    out = []
    for block in blocks:
        if isinstance(block, m.Figure):
            count += 1
            block = replace(block, number=count)
        out.append(block)
    return out


def _figure_markers(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """Give each figure the markers of the notes it is the first to cite, for its caption
    (a footnote needs a marker in the text; notes cited above keep theirs)."""
    # Blocks after the last figure change nothing: their notes need not be read.
    last = max((i for i, b in enumerate(blocks) if isinstance(b, m.Figure)), default=-1)
    seen: set[int] = set()
    out = []
    for block in blocks[:last + 1]:
        numbers = m.block_note_numbers(block)
        if isinstance(block, m.Figure):
            block = replace(block, introduces=tuple(
                m.NoteRef(n) for n in dict.fromkeys(numbers) if n not in seen))
        seen.update(numbers)
        out.append(block)
    return (*out, *blocks[last + 1:])


def _styled(block: m.Block, options: dict) -> m.Block:
    """Apply a section's presentation options: list style, table widths and caption."""
    if isinstance(block, m.BulletList) and options.get("list_style"):
        return m.BulletList(block.items, str(options["list_style"]))
    if isinstance(block, m.Table):
        widths = tuple(float(w) for w in options.get("table_widths") or ())
        if len(widths) != len(block.header):
            widths = ()
        caption = options.get("table_caption")
        return m.Table(block.header, block.rows, widths,
                       (m.Text(str(caption)),) if caption else block.caption)
    return block


def _check_selection(base: FactBase, section: Section, shown: str) -> None:
    sel = section.selection
    for sid in sel.sources:
        if not any(source_matches(s, (sid,)) for s in base.sources):
            raise DataInvalid(Problem(f"section '{section.title}' selects unknown source "
                                      f"'{sid}'", shown, section.line,
                                      hint="source ids are in seeds/sources.yaml"))
    for fid in sel.facts:
        if fid not in base.by_id:
            raise DataInvalid(Problem(f"section '{section.title}' selects unknown fact '{fid}'",
                                      shown, section.line))


def _with_conflicts(blocks: list[m.Block], base: FactBase, notes: NoteBook,
                    shown: set[int]) -> list[m.Block]:
    """Return `blocks` with a "Sources differ" box after the first use of each conflict
    not yet in `shown` (which collects the conflicts boxed)."""
    # A box follows a block citing a fact in conflict: while no such fact has a note,
    # there is none, and a long section's blocks need not be read.
    if not any(notes.has_cited(fact_id) for fact_id in base.conflicts_of):
        return list(blocks)
    out: list[m.Block] = []
    for block in blocks:
        out.append(block)
        for number in m.block_note_numbers(block):
            for fact_id in notes.facts_of(number):
                for conflict in base.conflicts_of.get(fact_id, ()):
                    if id(conflict) not in shown:
                        shown.add(id(conflict))
                        out.append(_conflict_box(conflict, base, notes))
    return out


def _conflict_box(conflict: Conflict, base: FactBase, notes: NoteBook) -> m.Callout:
    subject = base.vocab.find(conflict.subject)
    attribute = base.vocab["attributes"].get(conflict.attribute)
    what = attribute.name if attribute else conflict.attribute.replace("_", " ")
    items = []
    for claim in conflict.claims:
        for fid in claim.facts:
            fact = base.by_id[fid]
            outlets = ", ".join(dict.fromkeys(
                base.sources[s].outlet or "Outlet not stated" for s in fact.sources))
            items.append(m.ListItem((m.Strong((m.Text(f"{outlets}:"),)), m.Text(" " + fact.text),
                                     *notes.cite(fact))))
    title = f"Sources differ on the {what} of the {subject.label if subject else conflict.subject}"
    return m.Callout((m.Text(title),), (m.BulletList(tuple(items)),), kind="sources-differ")


def sources_list(base: FactBase) -> list[m.Block]:
    """Return the closing list of seed files: outlet, title, date and short sha256 each."""
    by_file: dict[str, list] = {}
    for source in base.sources.values():
        by_file.setdefault(source.file, []).append(source)
    items = []
    for file, parts in by_file.items():
        described = [f"{s.heading}, {display_date(s.date)}"
                     + (f" (lines {s.first_line}-{s.last_line})" if len(parts) > 1 else "")
                     for s in parts]
        head = f" (sha256 {parts[0].seed.sha256[:12]}): "
        if not any(s.url for s in parts):
            items.append(m.ListItem((m.Strong((m.Text(file),)),
                                     m.Text(head + "; ".join(described) + "."))))
            continue
        # A source with its address: the address a link, and the day it was retrieved.
        inlines: list[m.Inline] = [m.Strong((m.Text(file),)), m.Text(head)]
        for n, (source, words) in enumerate(zip(parts, described)):
            inlines.append(m.Text(("; " if n else "") + words + (", " if source.url else "")))
            if source.url:
                inlines.append(m.Link((m.Text(source.url),), source.url))
                if source.retrieved:
                    inlines.append(m.Text(f" (retrieved {display_date(source.retrieved)})"))
        inlines.append(m.Text("."))
        items.append(m.ListItem(tuple(inlines)))
    return [m.Heading(1, (m.Text("Sources"),), ""), m.BulletList(tuple(items))]


def _with_anchors(blocks: list[m.Block]) -> list[m.Block]:
    used: set[str] = set()
    out = []
    for block in blocks:
        if isinstance(block, m.Heading):
            base = _slug(m.plain_text(block.children)) or "section"
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            block = m.Heading(block.level, block.children, anchor)
        out.append(block)
    return out


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
