"""The source viewer: the seed as the file has it, line by line, each cited passage
highlighted where its offsets say and linked back to the brief."""

from __future__ import annotations

from briefing import model as m
from briefing.writers.html.document import companions, viewer_file, write
from tests.writers.html.html_read import by_id, parse, text_of

TEXT = ("Page heading\n"
        "Click here\n"
        "Outlet A\n"
        "The ministers met. The ministers met again in June,\n"
        "and agreed a plan <b>&amp;</b> \"more\".\r\n"
        "Click here\n"
        "Outlet B\n"
        "Police chiefs met.\n")


def _at(words: str, nth: int = 1) -> tuple[int, int]:
    at = -1
    for _ in range(nth):
        at = TEXT.index(words, at + 1)
    return at, at + len(words)


def _line(offset: int) -> int:
    return TEXT.count("\n", 0, offset) + 1


def _note(number: int, source: str, span: tuple[int, int], facts=("f1",)) -> m.Note:
    start, end = span
    return m.Note(number, tuple(facts), source, "Outlet, ‘T’, undated", "f.txt", _line(start),
                  " ".join(TEXT[start:end].split()), _line(end - 1), start=start, end=end)


def _brief(notes) -> m.Brief:
    segments = (m.Segment("s9-a", "Outlet A", "“First”", "24 June 2025", 3, 5,
                          "https://example.org/a?x=1&y=2"),
                m.Segment("s9-b", "", "[second article]", "", 7, 8, "javascript:alert(1)"))
    debris = tuple(sorted((_at("Click here", 1), _at("Click here", 2))))
    source = m.SourceText("s9", "f.txt", "ab" * 32, segments, debris, TEXT)
    markers = tuple(m.Paragraph((m.Text(f"Fact {n.number}."), m.NoteRef(n.number)))
                    for n in notes)
    return m.Brief(m.Meta(title="T", name="b", classification="OFFICIAL"), markers,
                   tuple(notes), (source,))


def _marks(tree, number: int) -> str:
    """Return the words of every highlight piece of note `number`, lines joined by a
    space (what a reader sees highlighted)."""
    pieces = [e for e in tree.iter("mark")
              if str(number) in (e.get("data-notes") or "").split()]
    return " ".join(" ".join(text_of(p) for p in pieces).split())


def _shown(element) -> str:
    """Return the text of `element` without the note badges (links back to the brief)."""
    out = [element.text or ""]
    for child in element:
        if child.get("class") != "cite-back":
            out.append(_shown(child))
        out.append(child.tail or "")
    return "".join(out)


def test_each_passage_is_highlighted_where_its_offsets_say_not_where_its_words_first_occur():
    second = _at("The ministers met", 2)  # the same words stand earlier in the line
    notes = [_note(1, "s9-a", second), _note(2, "s9-b", _at("Police chiefs met."))]
    page = companions(_brief(notes))["b-source-s9.html"]
    tree = parse(page)
    for note in notes:
        assert _marks(tree, note.number) == note.quote
        anchor = by_id(tree, f"c-{note.number}")
        assert anchor.get("href") == f"b.html#ref-{note.number}"
    line4 = text_of(by_id(tree, "l-4"))
    first_mark = next(by_id(tree, "l-4").iter("mark"))
    assert line4.startswith("4The ministers met. 1The ministers met")  # number, plain, badge
    assert text_of(first_mark) == "The ministers met"


def test_a_passage_over_two_lines_is_one_passage_and_every_line_is_shown_as_the_file_has_it():
    span = (_at("in June,")[0], _at('"more".')[1])
    tree = parse(companions(_brief([_note(1, "s9-a", span)]))["b-source-s9.html"])
    assert _marks(tree, 1) == 'in June, and agreed a plan <b>&amp;</b> "more".'
    lines = [e for e in tree.iter("div") if e.get("class") == "line"]
    assert len(lines) == 8
    for number, (line, expected) in enumerate(zip(lines, TEXT.split("\n")), 1):
        assert line.get("id") == f"l-{number}"
        assert _shown(line.find("span[@class='tx']")) == expected.rstrip("\r")
    assert len(tree.findall(".//a[@class='cite-back']")) == 1  # one link back per passage


def test_overlapping_passages_each_keep_their_own_words():
    one = _at("The ministers met again in June,")
    two = (_at("again in June,")[0], _at("agreed a plan")[1])
    notes = [_note(1, "s9-a", one, ("f1",)), _note(2, "s9-a", two, ("f2", "f3"))]
    tree = parse(companions(_brief(notes))["b-source-s9.html"])
    assert _marks(tree, 1) == notes[0].quote
    assert _marks(tree, 2) == notes[1].quote
    table = tree.find(".//section[@class='passages']/table")
    rows = [[text_of(td) for td in tr] for tr in table.find("tbody")]
    assert rows[1][:3] == ["2", "ll. 4–5", "f2, f3"]


def test_segments_show_their_outlet_and_debris_and_uncited_text_stay_plain():
    tree = parse(companions(_brief([_note(1, "s9-a", _at("Police chiefs met."))]))
                 ["b-source-s9.html"])
    titles = [text_of(h) for h in tree.iter("h2") if h.get("class") == "segment-title"]
    assert titles == ["Page text outside the articles, lines 1–2",
                      "Outlet A, “First”, 24 June 2025 (s9-a, lines 3–5)",
                      "Page text outside the articles, lines 6–6",
                      "Outlet not stated, [second article], undated (s9-b, lines 7–8)"]
    debris = [text_of(e) for line in tree.iter("div") if line.get("class") == "line"
              for e in line.iter("span") if e.get("class") == "debris"]
    assert debris == ["Click here", "Click here"]
    assert not any(e.tag == "a" and "Click" in text_of(e) for e in tree.iter())
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert "https://example.org/a?x=1&y=2" in hrefs
    assert not any(h and h.startswith("javascript") for h in hrefs)
    assert _marks(tree, 1) == "Police chiefs met."
    assert not list(by_id(tree, "l-4").iter("mark"))  # nothing cited on line 4


def test_every_note_of_the_brief_links_to_its_passage_in_the_viewer():
    notes = [_note(1, "s9-a", _at("The ministers met")), _note(2, "s9-b", _at("Police"))]
    brief = _brief(notes)
    tree = parse(write(brief))
    pages = {name: parse(data) for name, data in companions(brief).items()}
    for note in notes:
        link = by_id(tree, f"note-{note.number}").find(".//a[@class='to-source']")
        page, anchor = link.get("href").split("#")
        assert page == viewer_file(brief.meta, "s9")
        assert anchor == f"c-{note.number}"
        assert _marks(pages[page], note.number) == note.quote
        assert text_of(link) == f"“{note.quote}”"
    listed = tree.find(".//ul[@class='source-pages']")
    assert [a.get("href") for a in listed.iter("a")] == list(pages)
    assert text_of(listed) == ("f.txt: Outlet A, “First”; Outlet not stated, "
                               "[second article]")


def test_viewer_pages_carry_the_marking_and_the_same_bytes_each_time():
    brief = _brief([_note(1, "s9-a", _at("The ministers met"))])
    tree = parse(companions(brief)["b-source-s9.html"])
    assert text_of(tree.find("body/header")) == text_of(tree.find("body/footer")) == "OFFICIAL"
    assert companions(brief) == companions(brief)
