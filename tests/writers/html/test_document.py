"""The HTML brief: valid, structured for every reader, notes as in every format, escaped,
the same bytes for the same brief."""

from __future__ import annotations

from dataclasses import replace

from sample_brief import HOSTILE, sample_brief

from briefing import model as m
from briefing.writers.html.document import companion_names, companions, write
from tests.writers.html.html_read import by_id, parse, text_of


def _headings(tree) -> list[int]:
    return [int(e.tag[1]) for e in tree.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]


def test_the_page_parses_without_errors_and_has_its_landmarks():
    tree = parse(write(sample_brief()))
    body = tree.find("body")
    tags = [child.tag for child in body]
    assert tags.count("header") == 1 and tags.count("footer") == 1 and tags.count("main") == 1
    assert tags.index("header") < tags.index("main") < tags.index("footer")
    assert text_of(body.find("header")) == text_of(body.find("footer")) == "OFFICIAL"
    assert tree.get("lang") == "en-GB"
    assert tree.find(".//nav") is not None  # the contents


def test_headings_run_in_order_without_skipping_a_level():
    levels = _headings(parse(write(sample_brief())))
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels


def test_every_note_is_numbered_as_the_model_numbers_it_and_reachable_without_script():
    brief = sample_brief(table_rows=3)
    tree = parse(write(brief))
    items = tree.findall(".//section[@class='notes']/ol/li")
    assert [int(li.get("value")) for li in items] == [n.number for n in brief.notes]
    for note, li in zip(brief.notes, items):
        assert li.get("id") == f"note-{note.number}"
        assert text_of(li.find("span")) == note.text
    markers = tree.findall(".//a[@class='nref']")
    assert {a.get("href") for a in markers} == {f"#note-{n.number}" for n in brief.notes}
    for a in markers:
        assert a.get("aria-describedby") == a.get("href")[1:]
    # Each note links back to its first marker, which carries the id.
    for note in brief.notes:
        assert by_id(tree, f"ref-{note.number}").get("href") == f"#note-{note.number}"


def test_a_range_links_its_two_ends_and_adjacent_markers_are_set_apart():
    notes = tuple(m.Note(n, (f"f{n}",), "s", "VNA, ‘T’, undated", "a.txt", n, f"words {n}")
                  for n in range(1, 6))
    blocks = (m.Paragraph((m.Text("First."), m.NoteRef(1), m.NoteRef(2), m.NoteRef(3))),
              m.Paragraph((m.Text("Again."), m.NoteRange(1, 3), m.NoteRef(4), m.NoteRef(5))))
    tree = parse(write(m.Brief(m.Meta(title="T"), blocks, notes)))
    first, again = tree.findall(".//main/p")
    assert text_of(first) == "First.1,2,3"
    assert text_of(again) == "Again.1\u20133,4,5"
    assert [a.get("href") for a in again.iter("a")] == ["#note-1", "#note-3", "#note-4",
                                                       "#note-5"]


def test_hostile_text_is_shown_as_itself_never_as_markup():
    nasty = HOSTILE + ' <script>alert("x")</script> & "quoted" \'single\' </style> ]]>'
    brief = replace(sample_brief(table_rows=1),
                    meta=replace(sample_brief().meta, title=nasty, classification=nasty))
    brief = replace(brief, blocks=(m.Paragraph((m.Text(nasty),)), *brief.blocks))
    data = write(brief)
    tree = parse(data)
    assert tree.find(".//main/p") is not None and text_of(tree.find(".//main/p")) == \
        " ".join(nasty.split())
    assert text_of(tree.find(".//title")) == " ".join(nasty.split())
    assert len(tree.findall(".//script")) == 1  # the writer's own, nothing from the text
    assert b"<script>alert" not in data and b"</style> ]]>" not in data
    style = tree.find(".//style").text
    assert "<" not in style  # the marking is in the print margins, as CSS escapes


def test_control_characters_never_reach_the_page():
    brief = m.Brief(m.Meta(title="T\x01"), (m.Paragraph((m.Text("a\x00b\x0cc\x9fd\ufffe"),)),))
    tree = parse(write(brief))
    assert text_of(tree.find(".//main/p")) == "a\ufffdb\ufffdc\ufffdd\ufffd"


def test_only_web_and_mail_addresses_become_links():
    blocks = (m.Paragraph((m.Link((m.Text("bad"),), "javascript:alert(1)"),
                           m.Link((m.Text("rel"),), "../../etc/passwd"),
                           m.Link((m.Text("ok"),), "https://asean.org/?a=1&b=2"))),)
    tree = parse(write(m.Brief(m.Meta(title="T"), blocks)))
    links = tree.findall(".//main/p/a")
    assert [(a.get("href"), text_of(a)) for a in links] == [("https://asean.org/?a=1&b=2", "ok")]
    assert text_of(tree.find(".//main/p")) == "badrelok"


def test_tables_have_header_cells_and_captions_figures_alt_text_and_captions():
    from briefing.model import Figure, FigureMark, NoteRef

    figure = Figure("matrix", "m", 1, "Partners by meeting", "A grid of partners by meeting.",
                    ("Japan",), ("SOMTC",), (FigureMark(0, 0, "attended", (NoteRef(1),)),),
                    legend=(("attended", "took part"),), introduces=(NoteRef(1),))
    note = m.Note(1, ("f1",), "s", "VNA, ‘T’, undated", "a.txt", 1, "words")
    brief = replace(sample_brief(table_rows=2), notes=(note,))
    brief = replace(brief, blocks=(figure, *(b for b in brief.blocks if isinstance(b, m.Table))))
    tree = parse(write(brief))
    table = tree.find(".//table")
    assert [th.get("scope") for th in table.findall("thead/tr/th")] == ["col"] * 3
    assert text_of(table.find("caption")) == "Meetings in 2025, by date"
    fig = tree.find(".//figure")
    img = fig.find("img")
    assert img.get("alt") == "A grid of partners by meeting."
    assert img.get("src").startswith("data:image/png;base64,")  # inside the file
    assert text_of(fig.find("figcaption")) == "Figure 1: Partners by meeting1"


def test_boxes_have_styles_of_their_own_and_an_unknown_kind_is_a_labelled_box():
    blocks = (m.Callout((m.Text("Sources differ: the date"),), (m.Paragraph((m.Text("x"),)),)),
              m.Callout((), (m.Paragraph((m.Text("We judge it likely."),)),), kind="judgement"),
              m.BulletList((m.ListItem((m.Text("k"),)),), style="key-points"))
    tree = parse(write(m.Brief(m.Meta(title="T"), blocks)))
    boxes = [d for d in tree.findall(".//main/div") if d.get("class") != "cover"]
    assert boxes[0].get("class") == "callout callout-sources-differ"
    assert boxes[0].get("aria-label") == "Sources differ: the date"
    assert boxes[1].get("class") == "callout callout-judgement"
    assert boxes[1].get("aria-label") == "judgement"
    assert text_of(boxes[1].find("p")) == "Judgement"
    assert boxes[2].get("class") == "key-points"
    css = tree.find(".//style").text
    assert ".callout-sources-differ{" in css and ".key-points{" in css


def test_a_judgement_is_set_apart_with_its_confidence_term_and_a_stale_one_says_so():
    notes = (m.Note(1, ("f",), "s", "VNA, ‘T’, undated", "a.txt", 3, "words"),)
    current = m.Judgement((m.Text("It holds."), m.NoteRef(1)), "likely")
    stale = replace(current, under_review=True)
    meta = m.Meta(title="T", occasion="Talks in Hanoi", purpose="To agree a line")
    tree = parse(write(m.Brief(meta, (current, stale), notes)))
    first, second = tree.findall(".//div[@role='note']")
    assert first.get("class") == "judgement" and second.get("class") == \
        "judgement judgement-under-review"
    assert text_of(first) == "Assessment (likely): It holds.1"
    assert first.find(".//em[@class='confidence']").text == "likely"
    assert first.find(".//a").get("href") == "#note-1"
    assert text_of(second).startswith("Assessment (under review) (likely): It holds.")
    assert m.UNDER_REVIEW in text_of(second)
    cover = text_of(tree.find(".//div[@class='cover']"))
    assert "Occasion" in cover and "Talks in Hanoi" in cover and "To agree a line" in cover
    assert ".judgement{" in tree.find(".//style").text


def test_nothing_is_fetched_from_elsewhere():
    tree = parse(write(sample_brief()))
    for element in tree.iter():
        assert not element.get("src", "data:").split(":")[0] not in ("data",), element.tag
        if element.tag == "link":
            raise AssertionError("a <link> element fetches a file")
    css = tree.find(".//style").text
    assert "url(" not in css and "@import" not in css


def test_the_print_stylesheet_gives_the_page_size_and_marks_every_page():
    a4 = parse(write(sample_brief())).find(".//style").text
    letter = parse(write(sample_brief(page_size="Letter"))).find(".//style").text
    assert "@page{size:A4" in a4 and "@page{size:letter" in letter
    assert '@top-center{content:"OFFICIAL"' in a4 and '@bottom-center{content:"OFFICIAL"' in a4
    assert "@media print" in a4


def test_the_same_brief_gives_the_same_bytes():
    assert write(sample_brief()) == write(sample_brief())


def test_a_brief_without_sources_has_no_viewer_pages_and_its_notes_link_nowhere_else():
    brief = sample_brief(table_rows=1)
    assert companions(brief) == {} and companion_names(brief) == []
    tree = parse(write(brief))
    assert not tree.findall(".//a[@class='to-source']")
