"""The shipped HTML briefs in a real browser (headless Chromium through selenium).

Every note link of the full brief is followed and lands on a highlighted passage whose
words are the note's quote; the highlight shows in a screenshot; the keyboard reaches
every note marker and focusing one shows its note; axe-core finds nothing serious or
critical; printing gives A4 pages marked at top and bottom with the notes at the end.
These hold for any valid fact base (they read the shipped data, so are marked shipped).
Skipped, saying why, where Chromium, chromedriver or selenium is missing.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from browser import FLAGS, browser, browser_missing, chromium
from conftest import ROOT

from briefing.build import build
from briefing.project import Project

MISSING = browser_missing()
pytestmark = [pytest.mark.shipped, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]

# What the reader sees where a link landed: the target, whether it is on screen, and the
# words of every piece the page marked as the current passage (lines joined by a space).
LANDING = """
var id = location.hash.slice(1), target = document.getElementById(id);
if (!target) return null;
var number = id.slice(2), text = '', line = null, stray = 0;
document.querySelectorAll('mark.current').forEach(function (m) {
  if ((' ' + m.getAttribute('data-notes') + ' ').indexOf(' ' + number + ' ') < 0) stray++;
  var here = m.closest('.line');
  text += (line && here !== line ? ' ' : '') + m.textContent; line = here;
});
var r = target.getBoundingClientRect(), first = document.querySelector('mark.current');
var f = first ? first.getBoundingClientRect() : null;
// The link lands where its passage starts: past the badges of notes starting there too,
// the next element is the passage's first piece.
var next = target.nextElementSibling;
while (next && next.classList.contains('cite-back')) next = next.nextElementSibling;
return {text: text, top: r.top, bottom: r.bottom, height: window.innerHeight, stray: stray,
        starts: next !== null && next === first,
        mark: f ? [f.left, f.top, f.width, f.height] : null};
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    build(Project(ROOT), [], ["html"], out, force=True)
    return out


@pytest.fixture(scope="module")
def driver():
    with chromium() as d:
        yield d


def _squash(text: str) -> str:
    return " ".join(text.split())


def _matches(landed: str, quote: str) -> bool:
    """Whether the landing words are the note's quote: the same words, or, for a quote
    the note cut short with "…", the words it starts with."""
    landed, quote = _squash(landed), _squash(quote)
    if quote.endswith("…"):
        return landed.startswith(quote[:-1]) and len(landed) > len(quote) - 1
    return landed == quote


def _notes(driver) -> list[dict]:
    return driver.execute_script("""
        var items = document.querySelectorAll('section.notes ol.notes > li');
        return Array.from(items).map(function (li) {
          var a = li.querySelector('a.to-source');
          return {id: li.id, href: a && a.href, quote: a && a.textContent.slice(1, -1)};
        });""")


def test_every_note_link_of_the_full_brief_lands_on_its_quote(built, driver):
    driver.get((built / "full-brief.html").as_uri())
    notes = _notes(driver)
    assert notes and all(n["href"] for n in notes), "a note without a link to its source"
    mismatches = []
    for note in notes:
        driver.get(note["href"])
        got = driver.execute_script(LANDING)
        if (got is None or not _matches(got["text"], note["quote"]) or got["stray"]
                or not got["starts"] or not 0 <= got["top"] < got["height"]):
            mismatches.append((note["id"], note["href"].rsplit("/", 1)[1], got, note["quote"]))
    assert mismatches == [], f"{len(mismatches)} of {len(notes)} notes: {mismatches[:3]}"


def test_the_landing_passage_is_highlighted_in_a_screenshot(built, driver):
    from PIL import Image

    driver.get((built / "full-brief.html").as_uri())
    by_page: dict[str, dict] = {}
    for note in _notes(driver):
        by_page.setdefault(note["href"].split("#")[0], note)  # the first note of each page
    for note in by_page.values():
        driver.get(note["href"])
        got = driver.execute_script(LANDING)
        shot = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
        left, top, width, height = (round(v) for v in got["mark"])
        box = shot.crop((left, top, left + max(width, 1), top + max(height, 1)))
        raw = box.tobytes()
        pixels = [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]
        lit = sum(1 for r, g, b in pixels if r > 230 and 170 < g < 215 and b < 120)
        assert lit > 0.3 * len(pixels), (note["id"], lit, len(pixels))


def test_the_keyboard_reaches_every_marker_and_focus_shows_the_note(built, driver):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    driver.get((built / "full-brief.html").as_uri())
    driver.execute_script("""
        window.seen = []; var markers = Array.from(document.querySelectorAll('a.nref'));
        document.addEventListener('focusin', function (e) {
          var i = markers.indexOf(e.target); if (i < 0) return;
          var pop = document.getElementById('note-pop');
          var li = document.getElementById(e.target.getAttribute('href').slice(1));
          var note = li.querySelector('.note-body').textContent;
          window.seen.push([i, !pop.hidden && pop.getBoundingClientRect().height > 0,
                            pop.textContent.indexOf(note) >= 0]);
        });""")
    stops = driver.execute_script(
        "return document.querySelectorAll('a[href], button, input, [tabindex]').length")
    ActionChains(driver).send_keys(Keys.TAB * (stops + 5)).perform()
    seen = driver.execute_script("return window.seen")
    count = driver.execute_script("return document.querySelectorAll('a.nref').length")
    assert sorted({i for i, _, _ in seen}) == list(range(count))
    assert all(shown and same for _, shown, same in seen)
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    assert driver.execute_script("return document.getElementById('note-pop').hidden")


def test_without_script_a_marker_is_a_link_to_its_note(built):
    from selenium.webdriver.common.by import By

    with chromium(script=False) as plain:
        plain.get((built / "quick-brief.html").as_uri())
        numbers = [a.get_attribute("href").rsplit("-", 1)[1]
                   for a in plain.find_elements(By.CSS_SELECTOR, "a.nref")]
        assert numbers
        for number in numbers[:5]:
            plain.get((built / "quick-brief.html").as_uri())
            marker = plain.find_element(By.CSS_SELECTOR, f'a.nref[href="#note-{number}"]')
            marker.click()
            # The page's own script did not run: focus showed no popover.
            assert plain.execute_script("return document.getElementById('note-pop').hidden")
            note = plain.find_element(By.ID, f"note-{number}")
            assert plain.current_url.endswith(f"#note-{number}")
            assert note.is_displayed() and note.text.strip()
            top = plain.execute_script("return arguments[0].getBoundingClientRect().top", note)
            assert -1 <= top < plain.execute_script("return window.innerHeight")


def test_the_accessibility_audit_finds_nothing_serious_or_critical(built, driver):
    from axe_selenium_python import Axe

    pages = ["full-brief.html", "quick-brief.html",
             *sorted(p.name for p in built.glob("full-brief-source-*.html"))]
    found = {}
    for name in pages:
        driver.get((built / name).as_uri())
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
    assert found == {}


def test_printing_gives_marked_a4_pages_with_the_notes_at_the_end(built, tmp_path):
    from pypdf import PdfReader

    pdf = tmp_path / "brief.pdf"
    command = [browser(), *FLAGS, "--no-sandbox",
               f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf}", (built / "quick-brief.html").as_uri()]
    subprocess.run(command, capture_output=True, timeout=120, check=True)
    reader = PdfReader(pdf)
    pages = [p.extract_text() for p in reader.pages]
    assert pages
    for number, (page, text) in enumerate(zip(reader.pages, pages), 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4, as the outline says
        assert text.count("OFFICIAL") >= 2, number
        assert f"page {number} of {len(pages)}" in text
    notes_at = next(i for i, t in enumerate(pages) if re.search(r"^Notes$", t, re.M))
    assert "Contents" not in "".join(pages[notes_at + 1:])  # nothing of the body after
