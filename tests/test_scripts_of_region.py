"""Names in the scripts of the region render in every format (README: Limits).

PDF: every font embedded (pdffonts), every character of every name in a shipped font
that has a glyph for it, each name read back by pdftotext in logical order (the shaped
scripts carry /ActualText), long unspaced lines wrapped inside the margins without a
cluster split. DOCX: fonts named per slot, complex-script runs marked, and LibreOffice
renders the names with real fonts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest
from conftest import copy_project
from factbase_fixtures import MINIMAL_FACTS, TEST_OUTLINE, use_facts, use_outline
from readers import docx_parts, pdf_pages

from briefing.build import build
from briefing.project import Project
from briefing.writers.scripts import (
    CJK,
    KHMER,
    LAO,
    MYANMAR,
    THAI,
    clusters,
    runs,
    script_of,
)

NAMES = {
    "vietnamese": "Lương Tam Quang, Việt Nam",
    "thai": "ประเทศไทย ที่นี่ น้ำ",
    "khmer": "ព្រះរាជាណាចក្រកម្ពុជា ខ្មែរ ស្ត្រី",
    "lao": "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ",
    "burmese": "မြန်မာ ပြည်ထောင်စု သမ္မတ",
    "malay": "Kementerian Dalam Negeri Malaysia",
    "indonesian": "Kepolisian Negara Republik Indonesia",
    "tagalog": "Pambansang Pulisya ng Pilipinas, Kagawaran ng Ugnayang Panlabas",
    "chinese": "王毅",
}
LONG_THAI = "การประชุมรัฐมนตรีอาเซียนว่าด้วยอาชญากรรมข้ามชาติ" * 5
LONG_KHMER = "កិច្ចប្រជុំរដ្ឋមន្ត្រីអាស៊ានស្តីពីឧក្រិដ្ឋកម្មឆ្លងដែន" * 5
LONG_CHINESE = "东盟打击跨国犯罪部长级会议在吉隆坡举行，" * 6
TITLE = "Names of the region ប្រទេសកម្ពុជា ไทย"

_FACTS = {  # fact id in MINIMAL_FACTS -> the names its text carries
    "The AMM Retreat was convened in Langkawi, Malaysia, on 19 January 2025.":
        ["vietnamese", "chinese", "malay"],
    "Malaysia's Foreign Minister opened the 29th APSC Council Meeting.":
        ["thai", "lao"],
    "The 25th SOMTC was convened over three days in Putrajaya.": ["khmer", "burmese"],
    "The 9th AMMTC concluded.": ["indonesian", "tagalog"],
}


def _text(keys: list[str], old: str) -> str:
    return old.rstrip(".") + " with " + "; ".join(NAMES[k] for k in keys) + "."


@pytest.fixture(scope="module")
def region_build(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("scripts") / "project")
    facts = MINIMAL_FACTS
    for old, keys in _FACTS.items():
        facts = facts.replace(old, _text(keys, old))
    facts = facts.replace(
        "text: The ASEAN Border Management Cooperation Roadmap was adopted.",
        f"text: '{LONG_THAI} {LONG_KHMER} {LONG_CHINESE}'\n    tags: [key]")
    use_facts(root, facts)
    use_outline(root, TEST_OUTLINE.replace("title: Test Brief", f"title: {TITLE}")
                .replace("title: Meetings\n", f"title: Meetings {NAMES['burmese']}\n"))
    out = root / "out"
    build(Project(root), [], None, out)
    return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", _nfc(text))


# ---------------------------------------------------------------- the script model


@pytest.mark.parametrize("text, expected", [
    ("ខ្មែរ", ["ខ្មែ", "រ"]),  # the coeng stack and the vowel stay with their consonant
    ("ស្ត្រី", ["ស្ត្រី"]),
    ("မြန်မာ", ["မြန်", "မာ"]),  # the asat-killed consonant stays with its syllable
    ("သမ္မတ", ["သ", "မ္မ", "တ"]),
    ("เทศ", ["เท", "ศ"]),  # a preposed vowel opens its cluster
    ("น้ำ", ["น้ำ"]),
    ("Việt", ["V", "i", "ệ", "t"]),
])
def test_clusters_keep_stacks_and_marks_whole(text, expected):
    assert clusters(text) == expected


def test_script_runs_keep_common_characters_with_their_run():
    assert runs("王毅, ไทย 1") == [("王毅, ", CJK), ("ไทย 1", THAI)]
    assert {script_of(c) for c in "ລາວ"} == {LAO}
    assert {script_of(c) for c in "ខ្មែរ"} == {KHMER}
    assert {script_of(c) for c in "မြန်မာ"} == {MYANMAR}
    assert script_of("ệ") is None  # Latin


# ---------------------------------------------------------------- PDF


def test_pdf_embeds_every_font(region_build):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts not installed")
    table = subprocess.run(["pdffonts", str(region_build / "test-brief.pdf")],
                           capture_output=True, text=True, check=True).stdout
    rows = table.splitlines()[2:]
    names = {row.split()[0].split("+")[-1] for row in rows}
    assert {"NotoSans-Regular", "NotoSansThai-Regular", "NotoSansKhmer-Regular",
            "NotoSansLao-Regular", "NotoSansMyanmar-Regular", "DroidSansFallback"} <= names
    for row in rows:  # name type encoding emb sub uni object id
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_every_character_has_a_glyph_in_its_font():
    from reportlab.pdfbase import pdfmetrics

    from briefing.writers.fonts import BOLD, FONT, register_fonts
    from briefing.writers.pdf.scripts import font_runs

    register_fonts()
    for text in list(NAMES.values()) + [LONG_THAI, LONG_KHMER, LONG_CHINESE, TITLE]:
        for base in (FONT, BOLD):
            for run, font in font_runs(_nfc(text), base):
                face = pdfmetrics.getFont(font).face
                missing = [c for c in run if ord(c) not in face.charToGlyph]
                assert not missing, (font, missing)


def test_pdf_reads_back_every_name(region_build):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    text = "".join(pdf_pages(region_build / "test-brief.pdf"))
    # The table of contents is a known limit (see the next test); the rest reads back.
    toc = [line for line in text.splitlines() if ". . . ." in line]
    body = "\n".join(line for line in text.splitlines() if line not in toc)
    assert "\ufffd" not in body and not re.search("[\ue000-\uf8ff]", body)  # no stand-ins
    flat = _squash(body)
    for key, name in NAMES.items():
        assert _squash(name) in flat, key
    for long in (LONG_THAI, LONG_KHMER, LONG_CHINESE):
        assert _squash(long) in flat
    assert _squash(TITLE) in flat  # the running header


def test_pdf_toc_entry_in_a_shaped_script_reads_back_in_glyph_order(region_build):
    """Pins a limit (README): TOC entries are ReportLab Paragraphs, whose shaping draws
    Burmese correctly but writes no /ActualText, so extraction gives the glyphs in visual
    order (medial ra and the vowel e before their consonant) and a private-use character
    for the stacked consonant."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    text = "".join(pdf_pages(region_build / "test-brief.pdf"))
    toc = next(line for line in text.splitlines() if line.startswith("Meetings ") and ". ." in line)
    assert "\u103c\u1019\u1014\u103a\u1019\u102c" in toc  # ြမန်မာ, not မြန်မာ
    assert "\u1031\u1011" in toc  # ေထ, not ထေ
    assert re.search("[\ue000-\uf8ff]", toc)
    assert NAMES["burmese"] not in toc


def test_pdf_wraps_unspaced_lines_inside_the_margins(region_build):
    """The long unspaced lines wrap at cluster (Chinese: character) boundaries."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    from briefing.writers.pdf.document import MARGIN

    path = region_build / "test-brief.pdf"
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">'
                       r"([^<]*)</word>", html)
    for x0, x1, _word in words:
        assert float(x0) >= MARGIN - 1 and float(x1) <= page_w - MARGIN + 1, _word
    lines = [w for _x0, _x1, w in words]
    for long, unit in ((LONG_THAI, clusters), (LONG_KHMER, clusters), (LONG_CHINESE, list)):
        pieces = [w for w in lines if w and w in long and len(w) > 10]
        assert len(pieces) >= 2, "wrapped over several lines"
        bounds = set()
        pos = 0
        for c in unit(long):
            pos += len(c)
            bounds.add(pos)
        for piece in pieces:
            start = long.index(piece)
            assert start == 0 or start in bounds, piece[:12]


def test_pdf_is_the_same_when_built_again(region_build, tmp_path):
    """Private-use codes of shaped glyphs are fixed by the font, not by what the process
    shaped before: a second build gives the same bytes."""
    project = region_build.parent
    out = tmp_path / "again"
    build(Project(project), [], ["pdf"], out)
    assert (out / "test-brief.pdf").read_bytes() == (region_build / "test-brief.pdf").read_bytes()


# ---------------------------------------------------------------- DOCX and Markdown


def test_markdown_keeps_every_name(region_build):
    md = (region_build / "test-brief.md").read_text(encoding="utf-8")
    for name in NAMES.values():
        assert name in md


def test_docx_names_a_font_per_script(region_build):
    from lxml import etree

    from briefing.writers.docx.ooxml import SCRIPT_FONTS

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(docx_parts(region_build / "test-brief.docx")["word/document.xml"])
    seen = set()
    for run in root.iter(f"{w}r"):
        text = "".join(t.text or "" for t in run.iter(f"{w}t"))
        scripts = {script_of(c) for c in text} - {None}
        assert len(scripts) <= 1, text  # one script per run
        fonts = run.find(f"{w}rPr/{w}rFonts")
        if not scripts:
            assert fonts is None or fonts.get(f"{w}hint") is None, text
            continue
        script = scripts.pop()
        seen.add(script)
        font, lang = SCRIPT_FONTS[script]
        slot = "eastAsia" if script == CJK else "cs"
        assert fonts.get(f"{w}{slot}") == font and fonts.get(f"{w}hint") == slot, text
        lang_el = run.find(f"{w}rPr/{w}lang")
        assert lang_el.get(f"{w}{'eastAsia' if script == CJK else 'bidi'}") == lang
        assert (run.find(f"{w}rPr/{w}cs") is not None) == (script != CJK)
    assert seen == {THAI, LAO, KHMER, MYANMAR, CJK}


def test_docx_script_check_skips_only_characters_of_no_script():
    """The DOCX writer leaves characters below U+0E00 out of its script check: none of
    them may have a script, and a mixed text still gets its script runs."""
    from briefing.writers.docx.ooxml import text_runs

    assert not any(script_of(chr(cp)) for cp in range(0x0E00))
    for text in [*NAMES.values(), "“Việt Nam” – ไทย", "“quoted” – Latin only"]:
        scripted = {script_of(c) for c in text} - {None}
        assert ('w:hint="' in text_runs(text, "")) == bool(scripted), text


def test_docx_reads_back_every_name(region_build):
    from docx import Document
    from docx.oxml.ns import qn

    body = Document(str(region_build / "test-brief.docx")).element.body
    # Every paragraph, those in table cells too (a fact may stand in the timeline).
    text = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    for name in NAMES.values():
        assert name in text


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdffonts"),
                    reason="LibreOffice or poppler not installed")
def test_libreoffice_renders_the_names_with_real_fonts(region_build, tmp_path):
    """LibreOffice picks its fonts from the machine; with fonts for the scripts installed
    (Debian's fonts-noto-core), every name comes out in an embedded font of its script."""
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(region_build / "test-brief.docx")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "test-brief.pdf"
    table = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    for row in table.splitlines()[2:]:
        assert row.split()[-5] == "yes", row  # embedded
    text = _squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout)
    for name in NAMES.values():
        assert _squash(name) in text
    installed = (subprocess.run(["fc-list"], capture_output=True, text=True).stdout
                 if shutil.which("fc-list") else "")
    for family in ("Thai", "Khmer", "Lao", "Myanmar"):
        if f"Noto Sans {family}" in installed:
            assert f"NotoSans{family}" in table, family
