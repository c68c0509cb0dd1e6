"""A small, valid fact base (one fact per source) that tests break one rule at a time."""

from __future__ import annotations

from pathlib import Path

MINIMAL_FACTS = """\
facts:
  - id: retreat-langkawi
    kind: meeting
    text: The AMM Retreat was convened in Langkawi, Malaysia, on 19 January 2025.
    meeting: amm-retreat-2025
    date: 2025-01-19
    citations:
      - source: s000
        quote: "On January 19th, 2025, the ASEAN Foreign Ministers’ Retreat (AMM Retreat) was convened in Langkawi, Malaysia"
  - id: apsc-29
    kind: meeting
    text: Malaysia's Foreign Minister opened the 29th APSC Council Meeting.
    meeting: apsc-council-29
    citations:
      - source: s001
        quote: "29th ASEAN Political-Security Community (APSC) Council Meeting"
  - id: somtc25-three-days
    kind: meeting
    text: The 25th SOMTC was convened over three days in Putrajaya.
    meeting: somtc-25
    attributes: {length_days: 3}
    citations:
      - source: s002-malaysiakini
        quote: were successfully convened over three days in Putrajaya
  - id: somtc25-five-days
    kind: meeting
    text: The 25th SOMTC concluded in Putrajaya after five days.
    meeting: somtc-25
    attributes: {length_days: 5}
    citations:
      - source: s002-thesun
        quote: concluded in Putrajaya after five days
  - id: saifuddin-xinhua
    kind: statement
    text: Home Affairs Minister Saifuddin Nasution Ismail called for stronger cooperation against cybercrime.
    people: [saifuddin-nasution]
    crime_types: [cybercrime]
    citations:
      - source: s002-xinhua
        quote: Home Affairs Minister Saifuddin Nasution Ismail said here on Tuesday
  - id: saifuddin-bernama
    kind: statement
    text: Home Minister Saifuddin Nasution Ismail said cybercrime threats call for stronger cooperation.
    people: [saifuddin-nasution]
    citations:
      - source: s002-bernama
        quote: said Home Minister Datuk Seri Saifuddin Nasution Ismail
  - id: border-roadmap
    kind: initiative
    text: The ASEAN Border Management Cooperation Roadmap was adopted.
    initiatives: [border-management-roadmap]
    citations:
      - source: s003
        quote: ASEAN Border Management Cooperation Roadmap was adopted
  - id: ammtc9
    kind: meeting
    text: The 9th AMMTC concluded.
    meeting: ammtc-9
    citations:
      - source: s004
        quote: The 9th Asean Ministerial Meeting On Transnational Crime (AMMTC) recently concluded
"""


def use_facts(root: Path, text: str = MINIMAL_FACTS, name: str = "facts.yaml") -> Path:
    """Replace the project's fact files by one file holding `text`, and its outlines (which
    name facts of the whole test project) by the test outline; return the file's path."""
    folder = root / "seeds" / "facts"
    for old in folder.glob("*.yaml"):
        old.unlink()
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if not (root / "templates" / "outlines" / "test-brief.yaml").exists():
        use_outline(root)
    return path


TEST_OUTLINE = """\
description: A test outline over the minimal fact base
extends: _base
title: Test Brief
sections:
  - title: Key points
    template: key-points.md.j2
    select: {tags: [key]}
    options: {list_style: key-points}
  - contents: Contents
  - title: Meeting timeline
    template: timeline.md.j2
    select: {kinds: [meeting], sort: date}
  - title: Meetings
    template: by-meeting.md.j2
    select: {kinds: [meeting]}
  - title: Crime priorities
    template: by-crime.md.j2
    select: {kinds: [priority]}
  - title: Initiatives
    template: bullets.md.j2
    select: {kinds: [initiative]}
  - title: Statements
    template: statements.md.j2
    select: {kinds: [statement]}
"""


def use_outline(root: Path, text: str = TEST_OUTLINE, name: str = "test-brief") -> Path:
    """Replace the shipped outlines (bases kept) by one outline; return its path."""
    folder = root / "templates" / "outlines"
    for old in folder.glob("*.yaml"):
        if not old.name.startswith("_"):
            old.unlink()
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path
