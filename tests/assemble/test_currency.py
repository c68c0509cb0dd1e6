"""What a brief says of its own currency, and of facts told as their sources reported them."""

from __future__ import annotations

import re

from briefing import model as m
from briefing.assemble.compose import assemble
from briefing.assemble.currency import currency_text, with_report
from briefing.assemble.templates import Templates
from briefing.build import load_outlines
from briefing.factbase.load import load_factbase
from briefing.project import Project
from tests.conftest import edit
from tests.factbase_fixtures import use_facts


def _brief(root):
    project = Project(root)
    base = load_factbase(project).require_valid()
    outline = load_outlines(project, base, [])[0]
    return base, assemble(base, outline, Templates(root / "templates/sections", root,
                                                   base.vocab), "x")


def test_every_brief_opens_with_its_currency(project):
    use_facts(project)
    base, brief = _brief(project)
    first = m.plain_text(brief.blocks[0].children)
    # Xinhua and Bernama are dated 24 June 2025; the others give no date.
    assert first.startswith("Currency: sources of 24 June 2025 (")
    assert "undated)" in first and first.endswith(
        "nothing after 24 June 2025 is covered.")


def test_the_latest_date_stated_may_be_a_facts(project):
    use_facts(project)
    base, _brief_ = _brief(project)
    facts = list(base.facts)
    sources = list(base.sources.values())
    later = next(f for f in facts if f.date)
    later.date = type(later.date)(2025, 9)
    text = currency_text([later], sources)
    assert "the latest date they state is September 2025: nothing after September 2025" in text


def test_no_source_dated(project):
    use_facts(project)
    base, _ = _brief(project)
    undated = [s for s in base.sources.values() if s.date is None]
    assert currency_text([], undated).startswith(f"Currency: none of the {len(undated)}")


def test_an_as_reported_fact_says_who_reported_it_and_when(project):
    path = use_facts(project)
    edit(path, "text: The 9th AMMTC concluded.\n    meeting: ammtc-9\n",
         'text: The 9th AMMTC had "recently concluded".\n    meeting: ammtc-9\n'
         "    as_reported: true\n")
    edit(path, "text: Home Affairs Minister Saifuddin Nasution Ismail called for stronger "
               "cooperation against cybercrime.\n",
         "text: Home Affairs Minister Saifuddin Nasution Ismail called for stronger "
         "cooperation against cybercrime.\n    as_reported: true\n")
    base, brief = _brief(project)
    body = " ".join(m.plain_text(run) for b in brief.blocks for run in m.inline_runs(b))
    assert ("The 9th AMMTC had “recently concluded” (as reported in a text that names no "
            "outlet, undated).") in body
    assert re.search(r"against cybercrime \(as reported by Malaysia Sun \(Xinhua\) on 24 "
                     r"June 2025\)\.", body)
    fact = base.by_id["ammtc9"]
    assert with_report("Text.", fact, base.sources).endswith(", undated).")


def test_a_name_box_only_where_the_brief_shows_two_of_the_names(project):
    from tests.factbase.test_stated import NAMED_TWICE
    from tests.factbase_fixtures import MINIMAL_FACTS

    use_facts(project, MINIMAL_FACTS + NAMED_TWICE)
    _base, brief = _brief(project)
    boxes = [m.plain_text(b.title) for b in brief.blocks if isinstance(b, m.Callout)]
    assert ("Sources differ on the name of the SOMTC Working Group on Anti-Money "
            "Laundering") in boxes
    # An outline that selects only one of the two facts shows one name: no box.
    edit(project / "templates/outlines/test-brief.yaml", "select: {kinds: [initiative]}",
         "select: {facts: [wg-somtc]}")
    _base, brief = _brief(project)
    assert not any("on the name" in m.plain_text(b.title) for b in brief.blocks
                   if isinstance(b, m.Callout))
