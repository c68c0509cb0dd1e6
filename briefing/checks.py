"""What `briefing check` checks beyond the fact base: every outline loaded and assembled,
every section template rendered, the assessments checked against the facts."""

from __future__ import annotations

from briefing.assemble.assessment import assessment_names, check_assessments
from briefing.assemble.outline import (
    Known,
    is_outline_name,
    load_outline,
    misnamed_outlines,
    outline_names,
)
from briefing.assemble.templates import Templates
from briefing.errors import DataInvalid, Problem
from briefing.factbase.load import FactBase
from briefing.project import Project


def check_outlines(project: Project, base: FactBase) -> tuple[list[Problem], list[Problem]]:
    """Return the errors and warnings `build` would meet in the outlines and templates.

    The outline files' names are checked, and every outline is loaded, its reference
    .docx read and checked, and, over a fact base without errors, assembled
    as far as anything can fail (`compose.checked_brief`: its templates rendered, its
    markup parsed, its notes, figures and boxes made; not worded or laid out; its own
    text holding nothing a PDF it makes could not draw). A section
    template that no section renders with facts (no outline uses it, or its sections
    select nothing yet) is rendered over a sample of the facts (the first of each kind
    and of each source), with a section's options or each option it reads set to "".
    """
    from briefing.assemble.compose import checked_brief
    from briefing.assemble.currency import check_currency
    from briefing.assemble.templates import fact_view
    from briefing.build import check_drawable

    templates = Templates(project.templates / "sections", project.root, base.vocab)
    known = Known(templates.names(), base.vocab, frozenset(base.by_id), frozenset(base.sources),
                  templates.options_read, frozenset(assessment_names(project)))
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if not base.errors:  # judgements rest on facts: checked over a valid fact base only
        errors, warnings = check_assessments(project, base)
    options: dict[str, dict] = {}  # template -> the options of a section using it
    misnamed = misnamed_outlines(project.outlines, project.root)  # `build` refuses them
    errors += misnamed
    for name in outline_names(project.outlines):
        if not is_outline_name(name):
            continue  # among the misnamed, above
        try:
            outline = load_outline(project.outlines, name, project.root, known.templates,
                                   base.vocab, known)
            if outline.data.get("reference_docx"):  # read and checked as `build` does
                from briefing.build import reference_docx

                reference_docx(project, outline)
            warnings += outline.warnings
            for section in outline.sections:
                if section.template:
                    options.setdefault(section.template, section.options)
            if not base.errors:  # citations not located cannot be noted
                fact_ids, shown = checked_brief(base, outline, templates)
                warnings += check_currency(base, outline, fact_ids)
                if "pdf" in outline.formats:  # as `build` refuses to write the PDF
                    check_drawable(shown, outline, project)
        except DataInvalid as exc:
            errors += exc.problems
    # An assessment's errors are met again when an outline showing it is assembled.
    errors = list(dict.fromkeys(errors))
    unrendered = sorted(templates.names() - templates.rendered)
    if base.errors or not unrendered:
        return errors, warnings
    sample: dict[tuple[str, str], object] = {}
    for fact in base.facts:
        sample.setdefault(("kind", fact.kind), fact)
        for cit in fact.citations:  # each source's first fact, as `fact.sources` orders
            sample.setdefault(("source", cit.source), fact)
        if len(sample) >= 200:
            break
    chosen = {f.id: f for f in sample.values()}
    views = [fact_view(f, base.vocab) for f in chosen.values()]
    for name in unrendered:
        given = {key: "" for key in templates.options_read(name) or ()}
        given.update(options.get(name, {}))
        try:
            templates.render(name, facts=views, section={"title": name, "options": given},
                             brief={"title": "", "name": ""})
        except DataInvalid as exc:
            errors += exc.problems
    return errors, warnings
