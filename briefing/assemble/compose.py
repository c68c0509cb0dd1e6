"""Assembly: an outline and the fact base become a Brief (the format-neutral model).

Select each section's facts, render its template to markup, parse the markup into
blocks, add the figures the section asks for (`figures.py`) at its end. Each fact is
shown once (`once.py`): the first section that shows it is where it stands, later ones
refer to it or leave it out. Then place a "Sources differ" box where each conflict first
appears (`sources_differ.py`), word the cross-references, and number the notes and
figures in reading order. Curated text is set by `typography.py` (curly quotes, en
dashes, the vocabulary's spelling of names). Nothing here renders a format.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import partial

from briefing import model as m
from briefing.assemble.currency import currency_block, with_report
from briefing.assemble.figures import build_figure
from briefing.assemble.judgements import Assessments, judgement_blocks
from briefing.assemble.markers import join_ranges, one_marker_per_unit, relabel, renumber
from briefing.assemble.markup import MarkupError, parse, without_placeholders
from briefing.assemble.notes import NoteBook
from briefing.assemble.once import ANCHOR_PREFIX, Placement, resolve_references
from briefing.assemble.outline import Outline, Section
from briefing.assemble.select import select, source_matches
from briefing.assemble.source_texts import source_texts
from briefing.assemble.sources_differ import ConflictBoxes
from briefing.assemble.templates import Templates, fact_view
from briefing.assemble.typography import NameForms, smarten
from briefing.errors import DataInvalid, Problem, display_path
from briefing.factbase.dates import display_date
from briefing.factbase.facts import Fact
from briefing.factbase.load import FactBase

_FULL_STOP = m.Text(".")
EMPTY_TEXT = "None of the facts in this brief's sources falls under this heading."
SHOWN_TEXT = "Each fact under this heading is shown above."


class _Assembly:
    """What the sections of one brief share: notes, where facts stand, name forms."""

    def __init__(self, base: FactBase, outline: Outline, templates: Templates,
                 wording: bool = True):
        self.base = base
        self.outline = outline
        self.templates = templates
        # False for `cited_facts`: the facts' sentences and the typography of text left
        # out, as no note, box or error depends on them.
        self.wording = wording
        self.notes = NoteBook(base.sources, outline.quote_length,
                              reuse=outline.repeated_notes == "reuse", style=outline.note_style,
                              with_file=not outline.sources_list)
        self.cite = self.notes.cite
        self.cite_once = self.notes.cite_once
        self.placement = Placement()
        self.names = NameForms(base.vocab)
        self.boxes = ConflictBoxes(base, self.cite, self.notes.facts_of)
        self.assessments = Assessments(base)
        # What the templates wrote and the judgements said, as text: the words the brief
        # has from neither the fact base nor the outline (see `checked_brief`).
        self.own_text: list[str] = []


def assemble(base: FactBase, outline: Outline, templates: Templates,
             build_date: str) -> m.Brief:
    """Return the Brief for `outline`; raise DataInvalid naming the outline or template."""
    run, parts = _sections(base, outline, templates)
    blocks = [block for added in parts for block in added]
    if outline.sources_list:
        blocks += sources_list(base)
    meta = m.Meta(
        title=smarten(outline.title), subtitle=smarten(outline.subtitle),
        audience=smarten(outline.audience), occasion=smarten(outline.occasion),
        purpose=smarten(outline.purpose), classification=outline.classification,
        organisation=outline.organisation,
        as_of=display_date(outline.as_of_date) if outline.as_of_date else "",
        author=outline.author or outline.organisation,
        subject=smarten(outline.subject or outline.title), keywords=tuple(outline.keywords),
        page_size=outline.page_size, note_placement=outline.citation_style, cover=outline.cover,
        build_date=build_date,
        name=outline.name)  # the reference .docx: read at the trust boundary, by the build
    blocks = _numbered_figures(_with_anchors(resolve_references(blocks,
                                                                run.placement.referred)))
    notes, number_of = run.notes.finished()
    cited = [fid for note in notes for fid in note.fact_ids]
    blocks = [currency_block(base, cited), *blocks]
    blocks = one_marker_per_unit(relabel(tuple(blocks), number_of))
    body, numbered = renumber(blocks, notes)
    return m.Brief(meta, join_ranges(_figure_markers(body)), numbered,
                   source_texts(base.sources, numbered))


def cited_facts(base: FactBase, outline: Outline, templates: Templates) -> list[str]:
    """Return the ids of the facts the notes of `outline`'s brief cite, note by note in
    the brief's order, as `[f for n in assemble(...).notes for f in n.fact_ids]` would;
    raise what `assemble` raises.

    For `check`: everything that can fail (selection, templates, markup, facts cited,
    figures, boxes, judgements) is done as `assemble` does it; what only words or lays
    out the brief is not (cross-references, anchors, the currency line, the sources
    list, note ranges, source texts, the facts' sentences and the typography of text),
    none of which adds, drops or moves a note marker.
    """
    return checked_brief(base, outline, templates)[0]


def checked_brief(base: FactBase, outline: Outline, templates: Templates
                  ) -> tuple[list[str], str]:
    """Return what `cited_facts` returns, and the text the outline, its templates and its
    assessment put in the brief (its settings and headings, what the templates wrote,
    the judgements; not the facts' sentences, quotes, sources or vocabulary, which the
    fact base checks): what `check` looks in for characters a PDF could not draw."""
    run, parts = _sections(base, outline, templates, wording=False)
    notes, number_of = run.notes.finished()
    blocks = one_marker_per_unit(relabel(tuple(b for added in parts for b in added),
                                         number_of))
    order = list(dict.fromkeys(n for b in blocks for n in m.block_note_numbers(b)))
    if sorted(order) != list(range(1, len(notes) + 1)):  # as `renumber` refuses it
        raise ValueError("each note must be referenced at least once")
    return ([fid for n in order for fid in notes[n - 1].fact_ids],
            repr(outline.data) + "".join(run.own_text))


def _sections(base: FactBase, outline: Outline, templates: Templates, wording: bool = True
              ) -> tuple[_Assembly, list[list[m.Block]]]:
    """Return the assembly and the blocks of each section, with the "Sources differ"
    boxes placed: all of `assemble` that can fail (`wording`: see `_Assembly`)."""
    run = _Assembly(base, outline, templates, wording)
    parts: list[list[m.Block]] = []
    restating: list[list[m.Block]] = []  # sections that restate: the key points
    judging: list[list[m.Block]] = []  # the assessment's sections
    shown = 0
    for section in outline.sections:
        added = _section(run, section)
        shown += bool(added) and section.contents is None
        parts.append(added)
        if section.assessment:
            judging.append(added)
        elif section.repeats == "restate":
            restating.append(added)
    if not shown:
        raise DataInvalid(Problem(
            f"the brief would be empty: no section of outline '{outline.name}' selects any "
            "fact, and each section that selects none is left out (empty: omit)",
            display_path(outline.path, base.project.root),
            hint="widen a section's 'select', or set 'empty: say' so the brief says what is "
                 "missing"))
    for added in restating:  # conflicts that only the key points cite
        added[:] = run.boxes.place(added)
    for added in judging:  # ... or only judgements: boxed after them, never between
        placed = run.boxes.place(added)
        added[:] = ([b for b in placed if not isinstance(b, m.Callout)]
                    + [b for b in placed if isinstance(b, m.Callout)])
    # A judgement's text shows none of its facts' names: names differ only where facts
    # are shown.
    run.boxes.place_names([[] if any(added is j for j in judging) else added
                           for added in parts],
                          {i for i, added in enumerate(parts)
                           if any(added is r for r in restating)})
    return run, parts


def _section(run: _Assembly, section: Section) -> list[m.Block]:
    base, outline, templates = run.base, run.outline, run.templates
    if section.contents:
        return [m.TableOfContents(smarten(section.contents), outline.contents_depth)]
    shown = display_path(outline.path, base.project.root)
    if section.assessment:
        blocks = judgement_blocks(section, run.assessments,
                                  partial(run.notes.cite, statement_only=True), shown)
        run.own_text.append(repr(blocks))
        return blocks
    _check_selection(base, section, shown)
    omitted = run.placement.shown() if section.repeats == "omit" else frozenset()
    facts = select(base.facts, base.vocab, section.selection, omitted)
    heading = m.Heading(1, (m.Text(smarten(section.title)),), "")
    if not facts:
        if section.empty == "omit":
            return []
        said = SHOWN_TEXT if omitted and select(base.facts, base.vocab,
                                                 section.selection) else EMPTY_TEXT
        return [heading, m.Paragraph((m.Text(said),))]
    views = [fact_view(f, base.vocab) for f in facts]
    text = templates.render(section.template, facts=views,
                            section={"title": section.title, "options": section.options},
                            brief={"title": outline.title, "name": outline.name})
    run.own_text.append(without_placeholders(text))
    template_path = display_path(templates.folder / section.template, base.project.root)

    def lookup(fact_id: str) -> Fact:
        fact = base.by_id.get(fact_id)
        if fact is None:
            raise DataInvalid(Problem(f"template cites unknown fact '{fact_id}'",
                                      template_path))
        return fact

    def cite(ids: list[str]) -> tuple[m.Inline, ...]:
        return tuple(ref for fid in ids for ref in run.cite(lookup(fid)))

    by_id, mention, repeats, wording = base.by_id, run.placement.mention, section.repeats, \
        run.wording

    def fact_inlines(fact_id: str) -> tuple[m.Inline, ...]:
        fact = by_id.get(fact_id) or lookup(fact_id)
        mark = mention(fact_id, repeats)
        if mark.__class__ is m.XRef:
            return (mark, _FULL_STOP)  # shown above: no text, no notes
        if not wording:
            return (mark, *run.cite(fact)) if mark else run.cite(fact)
        text = m.Text(" ".join(with_report(run.names.text(fact), fact, base.sources).split()))
        return (mark, text, *run.cite(fact)) if mark else (text, *run.cite(fact))

    try:
        body = parse(text, cite, fact_inlines, smarten if wording else None)
    except MarkupError as exc:
        raise DataInvalid(Problem(f"section '{section.title}': {exc}", template_path)) from None
    body = [_styled(block, section.options) for block in body]
    if section.repeats == "restate":  # its boxes wait: another section may cite them
        return [heading, *body, *_figures(run, section, facts)]
    body = run.boxes.place(body)
    return [heading, *body, *run.boxes.place(_figures(run, section, facts))]


def _figures(run: _Assembly, section: Section, facts) -> list[m.Figure]:
    """Return the section's figures, each drawn from its own selection or the section's."""
    base = run.base
    out = []
    for spec in section.figures:
        sel = spec.selection or section.selection
        chosen = facts if spec.selection is None else select(base.facts, base.vocab, sel)
        rows_from = {"partners_by_meeting": sel.partners,
                     "crimes_by_meeting": sel.crime_types}.get(spec.name, ())
        figure = build_figure(spec.name, chosen, base.vocab, base.conflicts, run.cite_once,
                              spec.caption, rows_from)
        if figure is not None:
            out.append(replace(figure, title=smarten(figure.title), alt=smarten(figure.alt),
                               rows=tuple(map(smarten, figure.rows)),
                               columns=tuple(map(smarten, figure.columns))))
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
                       (m.Text(smarten(str(caption))),) if caption else block.caption)
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


def sources_list(base: FactBase) -> list[m.Block]:
    """Return the closing list of seed files: outlet, title, date and short sha256 each."""
    by_file: dict[str, list] = {}
    for source in base.sources.values():
        by_file.setdefault(source.file, []).append(source)
    items = []
    for file, parts in by_file.items():
        described = [f"{s.heading}, {display_date(s.date)}"
                     + (f" (lines {s.first_line}–{s.last_line})" if len(parts) > 1 else "")
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
    return [m.Heading(1, (m.Text("Sources"),), ""), m.BulletList(tuple(items), "sources")]


def _with_anchors(blocks: list[m.Block]) -> list[m.Block]:
    """Return `blocks` with each heading given an anchor unique in the brief (facts'
    anchors start "fact-": a heading's never does)."""
    used: set[str] = set()
    out = []
    for block in blocks:
        if isinstance(block, m.Heading):
            base = _slug(m.plain_text(block.children)) or "section"
            if base.startswith(ANCHOR_PREFIX):
                base = "s-" + base
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
