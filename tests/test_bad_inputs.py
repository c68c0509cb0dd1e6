"""A catalogue of bad inputs: each gets one clear message, the right exit status, no
traceback, and leaves the output folder exactly as it was.

Each case copies the test project (`tests/fixtures/project/`, see conftest) and breaks it in one way:
by a fixture from `tests/fixtures/bad/` (a YAML file named after the case, put at or
appended to a path of the project; or a folder named after the case, laid over the
project), or by a small Python action for what a file cannot express (bytes that are not
UTF-8, a folder in place of a file, a file larger than the 8 MB limit). It then runs
`briefing check` (data cases) or `briefing build` (outline, template and output cases)
in-process, and checks:

- the exit status: 1 for invalid data, 2 for unreadable input or wrong arguments;
- each expected fragment of the message, and `file:line:` where the problem has a line;
- no "Traceback" anywhere;
- the output folder, pre-filled by a previous good build (a brief, its manifest and
  CHANGES.md), is byte-for-byte unchanged, and so, when the command fails, is every other
  file of the project (the curation commands write seeds/).

Decision recorded here: an outline whose every section selects no fact and is left out
(`empty: omit`) would give a brief with no content; the build refuses it with exit 1,
"the brief would be empty", naming the outline.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import copy_project

from briefing.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"
NEW_FACTS = "seeds/facts/zz-bad.yaml"
NEW_OUTLINE = "templates/outlines/zz-bad.yaml"
ASSESSMENT = "templates/assessments/zz-bad.yaml"
SEED = "seeds/004_278e2939a0fd7852.txt"

CHECK = ("check",)
BUILD = ("build", "zz-bad", "--format", "md", "--out", "{out}")


# How a case is applied: each returns a function of (project root, case id, tmp folder).

def put(dest: str):
    """Copy the case's fixture to `dest` (adding or replacing it); {tmp} is filled in."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        text = (FIXTURES / f"{case}.yaml").read_text(encoding="utf-8")
        (root / dest).write_text(text.replace("{tmp}", str(tmp)), encoding="utf-8")
    return apply


def append(dest: str):
    """Append the case's fixture to `dest` (new entries for a shipped list)."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        with (root / dest).open("a", encoding="utf-8") as handle:
            handle.write((FIXTURES / f"{case}.yaml").read_text(encoding="utf-8"))
    return apply


def overlay(root: Path, case: str, tmp: Path) -> None:
    """Lay the case's folder over the project (several files at once)."""
    shutil.copytree(FIXTURES / case, root, dirs_exist_ok=True)


def overlay_from(folder: str):
    """Lay another case's folder over the project (the same files, another command)."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        shutil.copytree(FIXTURES / folder, root, dirs_exist_ok=True)
    return apply


def edit(path: str, old: str, new: str):
    """Replace `old` by `new` once in a project file; `old` must be there."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def write_bytes(path: str, data: bytes):
    def apply(root: Path, case: str, tmp: Path) -> None:
        (root / path).write_bytes(data)
    return apply


def nothing(root: Path, case: str, tmp: Path) -> None:
    """The shipped project as it is: the fault is in the command line."""


def remove(path: str):
    def apply(root: Path, case: str, tmp: Path) -> None:
        (root / path).unlink()
    return apply


def folder_for_file(path: str):
    """Put a folder where a seed file should be."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        (root / path).unlink()
        (root / path).mkdir()
    return apply


def unreadable(path: str):
    def apply(root: Path, case: str, tmp: Path) -> None:
        (root / path).chmod(0)
    return apply


def append_bytes(path: str, data: bytes):
    def apply(root: Path, case: str, tmp: Path) -> None:
        with (root / path).open("ab") as handle:
            handle.write(data)
    return apply


def huge_yaml(path: str):
    """A fact file just over 8 MB: a valid header and a long comment."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        line = b"# " + b"padding " * 12 + b"\n"
        (root / path).write_bytes(b"facts:\n" + line * (8 * 1024 * 1024 // len(line) + 10))
    return apply


VALID_HEAD = ("facts:\n  - id: zz-bad\n    kind: context\n")
VALID_CITATION = ("    citations:\n      - source: s004\n        quote: poses a significant "
                  "threat to the peace, security, and economic stability of the ASEAN region\n")

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# (case id, how to apply, command, status, fragments, where: (file, line or a marker
# whose first line in the final file is the line))
CASES = [
    # --- YAML that cannot be read: exit 2 ----------------------------------------------
    ("yaml-tab-indent", put(NEW_FACTS), CHECK, 2,
     ["YAML:", "indent with spaces, not tabs"], (NEW_FACTS, "\ttext:")),
    ("yaml-unclosed-quote", put(NEW_FACTS), CHECK, 2,
     ["a quoted string is never closed", "close the quote"], (NEW_FACTS, 'text: "')),
    ("yaml-duplicate-key", put(NEW_FACTS), CHECK, 2,
     ["duplicate key 'kind' (first on line 3)", "remove or rename one of the two keys"],
     (NEW_FACTS, "kind: statement")),
    ("yaml-python-object", put(NEW_FACTS), CHECK, 2,
     ["could not determine a constructor for the tag", "python/object/apply:os.system",
      "only plain YAML data is read"], (NEW_FACTS, "!!python")),
    ("yaml-python-name", put(NEW_FACTS), CHECK, 2,
     ["could not determine a constructor", "only plain YAML data is read"],
     (NEW_FACTS, "!!python")),
    ("yaml-deep-nesting", put(NEW_FACTS), CHECK, 2,
     ["nesting deeper than 40 levels"], (NEW_FACTS, 1)),
    ("yaml-huge-file", huge_yaml(NEW_FACTS), CHECK, 2,
     ["larger than the 8,388,608 a YAML file may be", "split it into several files"],
     (NEW_FACTS, None)),
    ("yaml-not-utf8", write_bytes(NEW_FACTS, VALID_HEAD.encode() + "    text: The caf\u00e9 "
                                  "closed.\n".encode("latin-1") + VALID_CITATION.encode()),
     CHECK, 2, ["not valid UTF-8 (byte 0xe9)", "save the file as UTF-8"], (NEW_FACTS, 4)),
    ("yaml-raw-control-character",
     write_bytes(NEW_FACTS, (VALID_HEAD + "    text: Transnational \x07crime.\n"
                             + VALID_CITATION).encode()), CHECK, 2,
     ["control character U+0007, which YAML does not allow"], (NEW_FACTS, 4)),
    ("yaml-top-level-list", put(NEW_FACTS), CHECK, 1,
     ["expected a mapping with a 'facts:' list"], (NEW_FACTS, 1)),
    ("facts-not-a-list", put(NEW_FACTS), CHECK, 1,
     ["'facts' must be a non-empty list"], (NEW_FACTS, 1)),
    ("empty-fact-file", put(NEW_FACTS), CHECK, 1,
     ["the file is empty", "add a 'facts:' list or delete the file"], (NEW_FACTS, None)),

    # --- facts that break the schema: exit 1 -------------------------------------------
    ("fact-is-list", put(NEW_FACTS), CHECK, 1,
     ["fact must be a mapping (key: value lines), found a list"], (NEW_FACTS, 2)),
    ("fact-text-number", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': 'text' must be text, found a number 42"], (NEW_FACTS, "text:")),
    ("fact-text-missing", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad' has no 'text'", "the curated sentence"], (NEW_FACTS, 2)),
    ("fact-kind-unknown", put(NEW_FACTS), CHECK, 1,
     ["'kind' must be one of meeting, priority, engagement, initiative, statement, context, "
      "found text 'rumour'"], (NEW_FACTS, "kind:")),
    ("fact-id-not-an-id", put(NEW_FACTS), CHECK, 1,
     ["'id' must be an id (lowercase letters, digits and hyphens), found text 'Zz Bad'"],
     (NEW_FACTS, "id:")),
    ("fact-citations-empty", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad' has no citations", "cite at least one source"],
     (NEW_FACTS, "citations:")),
    ("citation-is-string", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': citation must be a mapping (key: value lines), found text"],
     (NEW_FACTS, "citations:")),
    ("citation-quote-missing", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': citation has no 'quote'", "the source's exact words"],
     (NEW_FACTS, "- source:")),
    ("citation-quote-empty", put(NEW_FACTS), CHECK, 1,
     ["'quote' must be non-empty text"], (NEW_FACTS, "quote:")),
    ("source-sha256-missing",
     edit("seeds/sources.yaml",
          "    sha256: cf95c3445c196b48a44d16388aa3aa4f849928d7c1b23436956fe94bc85c4648\n", ""),
     CHECK, 1, ["source has no 'sha256'", "sha256sum of the file"],
     ("seeds/sources.yaml", "- id: s001")),
    ("source-segment-lines-out-of-range",
     edit("seeds/sources.yaml", "lines: [4, 9]", "lines: [4, 900]"), CHECK, 1,
     ["segment 's002-malaysiakini': 'lines' must be [first, last] within 1-", "[4, 900]"],
     ("seeds/sources.yaml", "lines: [4, 900]")),
    ("source-file-leaves-seeds",
     edit("seeds/sources.yaml", "file: 004_278e2939a0fd7852.txt", "file: ../004.txt"),
     CHECK, 1, ["seed file '../004.txt' must be a plain file name in seeds/"],
     ("seeds/sources.yaml", "file: ../004.txt")),

    # --- unknown ids: exit 1 -------------------------------------------------------------
    ("fact-unknown-meeting", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': meeting names unknown id 'ammtc-99'", "did you mean 'ammtc-9'?",
      "seeds/vocab/meetings.yaml"], (NEW_FACTS, 2)),
    ("fact-unknown-crime-type", put(NEW_FACTS), CHECK, 1,
     ["crime_types names unknown id 'piracy'", "seeds/vocab/crime_types.yaml"], (NEW_FACTS, 2)),
    ("fact-unknown-partner", put(NEW_FACTS), CHECK, 1,
     ["partners names unknown id 'atlantis'", "seeds/vocab/partners.yaml"], (NEW_FACTS, 2)),
    ("fact-unknown-person", put(NEW_FACTS), CHECK, 1,
     ["people names unknown id 'nobody-known'"], (NEW_FACTS, 2)),
    ("fact-unknown-source", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad' cites unknown source 's009'", "source ids are in seeds/sources.yaml"],
     (NEW_FACTS, "quote:")),
    ("fact-unknown-attribute", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': unknown attribute 'colour'", "seeds/vocab/attributes.yaml"],
     (NEW_FACTS, 2)),
    ("fact-unknown-tag", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': unknown tag 'urgent'", "tags: key, raise"], (NEW_FACTS, "tags:")),
    ("fact-attributes-without-subject", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad' has attributes but no subject or meeting"], (NEW_FACTS, 2)),
    ("vocab-meeting-unknown-series", append("seeds/vocab/meetings.yaml"), CHECK, 1,
     ["meetings entry 'zz-meeting': 'series' names unknown id 'no-such-series'",
      "meetings.yaml"], ("seeds/vocab/meetings.yaml", "- id: zz-meeting")),
    ("vocab-crime-unknown-parent", append("seeds/vocab/crime_types.yaml"), CHECK, 1,
     ["crime_types entry 'zz-crime': 'parent' names unknown id 'no-such-crime'"],
     ("seeds/vocab/crime_types.yaml", "- id: zz-crime")),
    ("vocab-partner-bad-kind", append("seeds/vocab/partners.yaml"), CHECK, 1,
     ["'kind' must be one of dialogue-partner, grouping", "found text 'enemy'"],
     ("seeds/vocab/partners.yaml", "kind: enemy")),
    ("vocab-entry-missing-name", append("seeds/vocab/crime_types.yaml"), CHECK, 1,
     ["crime type has no 'name'"], ("seeds/vocab/crime_types.yaml", "- id: zz-crime")),
    ("fact-duplicate-id", put(NEW_FACTS), CHECK, 1,
     ["fact id 'ammtc9-concluded' is used twice (also at seeds/facts/004-ammtc-9.yaml:4)",
      "give each fact its own id"], (NEW_FACTS, 2)),

    # --- quotes and seeds -------------------------------------------------------------
    ("quote-not-in-seed", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': quote not found in s004 (004_278e2939a0fd7852.txt",
      "closest: poses a significant threat to the peace, security", "(line 3)",
      "^ line 3, col 99: quote has 'g' (U+0067), source has 's' (U+0073)",
      "copy the source's exact words"],
     (NEW_FACTS, "quote:")),
    ("quote-ambiguous", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': quote occurs 3 times in s002-xinhua", "on line 25, so the citation is ambiguous",
      "add 'prefix:'"], (NEW_FACTS, "quote:")),
    ("quote-ambiguous-with-prefix", put(NEW_FACTS), CHECK, 0, ["errors:    0", "ok"], None),
    ("text-control-character", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': 'text' holds control character U+0007, which documents cannot hold",
      "delete it"], (NEW_FACTS, "text:")),
    ("seed-missing", remove(SEED), CHECK, 2,
     ["seed file '004_278e2939a0fd7852.txt' not found", "correct 'file'"],
     ("seeds/sources.yaml", "file: 004_")),
    ("seed-is-a-folder", folder_for_file(SEED), CHECK, 2,
     ["cannot read seed file '004_278e2939a0fd7852.txt': it is a folder, not a file"],
     ("seeds/sources.yaml", "file: 004_")),
    pytest.param(
        "seed-unreadable", unreadable(SEED), CHECK, 2,
        ["cannot read seed file '004_278e2939a0fd7852.txt': Permission denied"],
        ("seeds/sources.yaml", "file: 004_"),
        marks=pytest.mark.skipif(AS_ROOT, reason="root reads a chmod 000 file anyway"),
        id="seed-unreadable"),
    ("seed-not-utf8", append_bytes(SEED, "\ncaf\u00e9\n".encode("latin-1")), CHECK, 2,
     ["seed file '004_278e2939a0fd7852.txt' is not valid UTF-8 (byte 0xe9 on line",
      "save the file as UTF-8"], ("seeds/sources.yaml", "file: 004_")),
    # A text dropped into seeds/ without an entry in sources.yaml, and cited.
    ("seed-unregistered", overlay, CHECK, 1,
     ["fact 'zz-bad' cites unknown source 'zz-new'",
      "seeds/zz-new.txt is not registered in sources.yaml: `briefing add-source "
      "seeds/zz-new.txt --id zz-new` registers it",
      "warning: seed file 'zz-new.txt' is not registered in sources.yaml"],
     (NEW_FACTS, "quote:")),
    ("uncited-unregistered-seed", overlay_from("seed-unregistered"), ("uncited", "zz-new.txt"), 2,
     ["seeds/zz-new.txt is not registered in sources.yaml, so it has no source id",
      "briefing add-source seeds/zz-new.txt"], None),
    ("add-source-binary", write_bytes("../scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
     ("add-source", "{tmp}/scan.pdf"), 2,
     ["scan.pdf: error: the file is a PDF file, not plain text", "pdftotext"], None),
    ("add-source-nul-bytes", write_bytes("../notes.txt", b"Minutes of the meeting\x00\x00\x01"),
     ("add-source", "{tmp}/notes.txt"), 2,
     ["the file holds a NUL byte (at byte 22, line 1): it is binary, not text"], None),
    ("add-source-latin1", write_bytes("../caf\u00e9.txt", "Le caf\u00e9 ferm\u00e9.\n".encode("latin-1")),
     ("add-source", "{tmp}/caf\u00e9.txt"), 2,
     ["the file is not UTF-8 text (byte 0xe9 on line 1)", "iconv"], None),
    ("seed-changed-since-sha256", append_bytes(SEED, b"\nAn added line.\n"), CHECK, 1,
     ["seed file '004_278e2939a0fd7852.txt' has changed since its sha256 was recorded",
      "re-check every quote from this file, then record the new sha256"],
     ("seeds/sources.yaml", "sha256: d64aef6a")),

    # --- dates: exit 1 ------------------------------------------------------------------
    ("date-impossible", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': '2025-02-30' is not a real date: February 2025 has 28 days"],
     (NEW_FACTS, "date:")),
    ("date-day-first", put(NEW_FACTS), CHECK, 1,
     ["'24/06/2025' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"], (NEW_FACTS, "date:")),
    ("date-unpadded", put(NEW_FACTS), CHECK, 1,
     ["'2025-6-1' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"], (NEW_FACTS, "date:")),
    ("date-month-13", put(NEW_FACTS), CHECK, 1,
     ["'2025-13' has no month 13"], (NEW_FACTS, "date:")),

    # --- outlines: exit 1 (the outline is read but wrong) -------------------------------
    ("outline-section-string", put(NEW_OUTLINE), BUILD, 1,
     ["section must be a mapping (key: value lines), found text"], (NEW_OUTLINE, "- Key")),
    ("outline-title-missing", put(NEW_OUTLINE), BUILD, 1,
     ["outline has no 'title' (nor does any outline it extends)"], (NEW_OUTLINE, 1)),
    ("outline-sections-missing", put(NEW_OUTLINE), BUILD, 1,
     ["outline has no 'sections' (nor does any outline it extends)"], (NEW_OUTLINE, 1)),
    ("outline-not-a-mapping", put(NEW_OUTLINE), BUILD, 1,
     ["an outline must be a mapping (key: value lines)"], (NEW_OUTLINE, 1)),
    ("outline-unknown-template", put(NEW_OUTLINE), BUILD, 1,
     ["section 'Key points': unknown template 'no-such.md.j2'",
      "templates in templates/sections/: bullets.md.j2"], (NEW_OUTLINE, "template:")),
    ("outline-template-dotdot", put(NEW_OUTLINE), BUILD, 1,
     ["unknown template '../../seeds/sources.yaml'"], (NEW_OUTLINE, "template:")),
    ("outline-template-absolute", put(NEW_OUTLINE), BUILD, 1,
     ["unknown template '/etc/passwd'"], (NEW_OUTLINE, "template:")),
    ("outline-extends-itself", put(NEW_OUTLINE), BUILD, 1,
     ["outline extends itself: zz-bad -> zz-bad", "remove the cycle"],
     (NEW_OUTLINE, "extends:")),
    ("outline-extends-cycle", overlay, BUILD, 1,
     ["outline extends itself: zz-bad -> _zz-base -> zz-bad"],
     ("templates/outlines/_zz-base.yaml", "extends:")),
    ("outline-extends-dotdot", put(NEW_OUTLINE), BUILD, 1,
     ["'extends' must name an outline in the same folder, found '../../seeds/sources'"],
     (NEW_OUTLINE, "extends:")),
    ("outline-extends-absolute", put(NEW_OUTLINE), BUILD, 1,
     ["'extends' must name an outline in the same folder, found '/etc/passwd'"],
     (NEW_OUTLINE, "extends:")),
    ("outline-extends-unknown", put(NEW_OUTLINE), BUILD, 1,
     ["outline extends unknown outline '_no-such-base'", "known outlines: cybercrime"],
     (NEW_OUTLINE, "extends:")),
    ("outline-reference-docx-dotdot", put(NEW_OUTLINE), BUILD, 1,
     ["reference_docx '../../styles.docx' must be a path inside templates/"],
     (NEW_OUTLINE, "reference_docx:")),
    ("outline-reference-docx-absolute", put(NEW_OUTLINE), BUILD, 1,
     ["reference_docx '/etc/styles.docx' must be a path inside templates/"],
     (NEW_OUTLINE, "reference_docx:")),
    ("outline-reference-docx-missing", put(NEW_OUTLINE), BUILD, 1,
     ["reference_docx 'styles.docx' not found in templates/"], (NEW_OUTLINE, "reference_docx:")),
    ("outline-format-odt", put(NEW_OUTLINE), BUILD, 1,
     ["unknown format 'odt'", "formats: docx, pdf, md"], (NEW_OUTLINE, "formats:")),
    ("outline-page-size", put(NEW_OUTLINE), BUILD, 1,
     ["'page_size' must be one of A4, Letter, found text 'A5'"], (NEW_OUTLINE, "page_size:")),
    ("outline-as-of-day-first", put(NEW_OUTLINE), BUILD, 1,
     ["as_of: '23/11/2026' is not a date: write YYYY-MM-DD"], (NEW_OUTLINE, "as_of:")),
    ("outline-quote-length-small", put(NEW_OUTLINE), BUILD, 1,
     ["quote_length must be at least 20"], (NEW_OUTLINE, "quote_length:")),
    ("outline-select-unknown-partner", put(NEW_OUTLINE), BUILD, 1,
     ["select: partners names unknown id 'atlantis'", "seeds/vocab/partners.yaml"],
     (NEW_OUTLINE, "select:")),
    ("outline-select-unknown-meeting", put(NEW_OUTLINE), BUILD, 1,
     ["select: meetings names unknown id 'somtc-99'"], (NEW_OUTLINE, "select:")),
    ("outline-select-unknown-kind", put(NEW_OUTLINE), BUILD, 1,
     ["select: unknown kind 'rumour'"], (NEW_OUTLINE, "select:")),
    ("outline-select-unknown-fact", put(NEW_OUTLINE), BUILD, 1,
     ["section 'One fact' selects unknown fact 'no-such-fact'"], (NEW_OUTLINE, "select:")),
    ("outline-select-unknown-source", put(NEW_OUTLINE), BUILD, 1,
     ["section 'One source' selects unknown source 's009'"], (NEW_OUTLINE, "select:")),
    ("outline-select-bad-date", put(NEW_OUTLINE), BUILD, 1,
     ["select: date_from: '2025-6-1' is not a date"], (NEW_OUTLINE, "select:")),
    ("outline-select-bad-sort", put(NEW_OUTLINE), BUILD, 1,
     ["'sort' must be one of source, date, meeting, kind, id, rank, found text 'colour'"],
     (NEW_OUTLINE, "select:")),
    ("outline-figure-unknown", put(NEW_OUTLINE), BUILD, 1,
     ["section 'Meetings': unknown figure 'gantt'",
      "figures: timeline, partners_by_meeting, crimes_by_meeting"], (NEW_OUTLINE, "gantt")),
    ("outline-figures-not-a-list", put(NEW_OUTLINE), BUILD, 1,
     ["'figures' must be a list"], (NEW_OUTLINE, "figures:")),
    ("outline-figure-wrong-type", put(NEW_OUTLINE), BUILD, 1,
     ["a figure is a name or a mapping with 'figure:', found a list"],
     (NEW_OUTLINE, "[[timeline]]")),
    # Typos that were once silently ignored (issue 16).
    ("outline-unknown-key", put(NEW_OUTLINE), BUILD, 1,
     ["outline: unknown field 'subtitel'", "did you mean 'subtitle'?"],
     (NEW_OUTLINE, "subtitel:")),
    ("outline-section-unknown-key", put(NEW_OUTLINE), BUILD, 1,
     ["section: unknown field 'figure'", "did you mean 'figures'?"], (NEW_OUTLINE, "figure:")),
    ("outline-select-unknown-key", put(NEW_OUTLINE), BUILD, 1,
     ["select: unknown field 'meeting'", "did you mean 'meetings'?"], (NEW_OUTLINE, "select:")),
    ("outline-select-limit-negative", put(NEW_OUTLINE), BUILD, 1,
     ["select: limit must be 1 or more, found -1"], (NEW_OUTLINE, "select:")),
    ("outline-table-widths-infinite", put(NEW_OUTLINE), BUILD, 1,
     ["options: table_widths must be a list of 1 to 20 positive numbers"],
     (NEW_OUTLINE, "options:")),
    ("outline-all-sections-empty", put(NEW_OUTLINE), BUILD, 1,
     ["the brief would be empty: no section of outline 'zz-bad' selects any fact",
      "empty: say"], (NEW_OUTLINE, None)),

    # --- templates: exit 1, naming the template and line ------------------------------
    ("template-syntax-error", overlay, BUILD, 1,
     ["error: template syntax error: unexpected '}'"],
     ("templates/sections/zz-bad.md.j2", 2)),
    ("template-undefined-name", overlay, BUILD, 1,
     ["template uses an undefined name: 'colour' is undefined", "templates see: facts"],
     ("templates/sections/zz-bad.md.j2", 3)),
    ("template-include-dotdot", overlay, BUILD, 1,
     ["template includes '../../seeds/sources.yaml', which is not a template in "
      "templates/sections/"], ("templates/sections/zz-bad.md.j2", 2)),
    ("template-sandbox-escape", overlay, BUILD, 1,
     ["template does something the sandbox forbids", "access to attribute '__class__' of a list is unsafe"],
     ("templates/sections/zz-bad.md.j2", 2)),
    ("template-fact-text-outside-cite", overlay, BUILD, 1,
     ["template: a fact's text reaches a brief only through `cite`",
      "hint: write {{ fact | cite }}: it gives the sentence its notes"],
     ("templates/sections/zz-bad.md.j2", 3)),
    ("template-cites-unknown-fact", overlay, BUILD, 1,
     ["template cites unknown fact 'no-such-fact'"], ("templates/sections/zz-bad.md.j2", None)),

    # --- assessments (templates/assessments/): exit 1, in check and in every build -----
    ("assessment-unknown-fact", overlay, BUILD, 1,
     ["judgement 'scams' rests on unknown fact 'amm-retreat-vow-online-scam'",
      "did you mean 'amm-retreat-vow-online-scams'?"], (ASSESSMENT, "text:")),
    ("assessment-no-fact", overlay, BUILD, 1,
     ["judgement 'scams' rests on no fact", "cite each fact it rests on"],
     (ASSESSMENT, "text:")),
    ("assessment-bad-confidence", overlay, BUILD, 1,
     ["judgement 'scams': confidence 'probable' is not a term of the list",
      "terms: remote chance, highly unlikely"], (ASSESSMENT, "confidence:")),
    ("assessment-uncited-sentence-strict", overlay, BUILD, 1,
     ["judgement 'scams': a sentence cites no fact: “They will stay so.”"],
     (ASSESSMENT, "text:")),
    ("assessment-unknown-key", overlay, BUILD, 1,
     ["judgement: unknown field 'rest_on'", "did you mean 'rests_on'?"],
     (ASSESSMENT, "rest_on:")),
    ("assessment-unknown-fact-check", overlay_from("assessment-unknown-fact"), CHECK, 1,
     ["rests on unknown fact 'amm-retreat-vow-online-scam'"], (ASSESSMENT, "text:")),

    # --- command line and output folder: exit 2 ---------------------------------------
    ("build-outline-dotdot", nothing, ("build", "../x", "--out", "{out}"), 2,
     ["'../x' is not an outline name", "without '.yaml', folders or '..'"], None),
    ("build-outline-absolute", nothing, ("build", "/etc/passwd", "--out", "{out}"), 2,
     ["'/etc/passwd' is not an outline name"], None),
    ("build-outline-unknown", nothing, ("build", "no-such-brief", "--out", "{out}"), 2,
     ["unknown outline 'no-such-brief'", "known outlines: cybercrime, full-brief"], None),
    ("build-format-odt", nothing, ("build", "--format", "odt", "--out", "{out}"), 2,
     ["unknown format 'odt'", "formats: docx, pdf, md"], None),
    ("build-out-under-proc", nothing,
     ("build", "quick-brief", "--format", "md", "--out", "/proc/briefing-out"), 2,
     ["/proc/briefing-out: error: cannot create the output folder", "choose another --out"],
     None),
    ("build-out-is-a-file", nothing,
     ("build", "quick-brief", "--format", "md", "--out", "{out}/manifest.json"), 2,
     ["manifest.json: error: cannot create the output folder: File exists"], None),
    ("root-not-a-project", nothing, ("--root", "{tmp}", "check"), 2,
     ["is not a briefing project: it has no seeds/sources.yaml"], None),
    ("facts-unknown-crime", nothing, ("facts", "--crime", "piracy"), 2,
     ["unknown crime types id 'piracy'", "seeds/vocab/crime_types.yaml"], None),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _line(path: Path, where) -> int | None:
    if where is None or isinstance(where, int):
        return where
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if where in text:
            return number
    raise AssertionError(f"{where!r} not in {path}")


@pytest.mark.parametrize("case,apply,command,status,fragments,where",
                         [pytest.param(*c, id=c[0]) if type(c) is tuple else c
                          for c in CASES])
def test_bad_input(case, apply, command, status, fragments, where, tmp_path, good_out,
                   capsys):
    root = copy_project(tmp_path / "project")
    out = root / "out"
    shutil.copytree(good_out, out)
    before = snapshot(out)
    apply(root, case, tmp_path)
    inputs = {name: data for name, data in snapshot(root).items()
              if not name.startswith(("out/", ".briefing-cache/"))}
    capsys.readouterr()

    argv = [a.replace("{out}", str(out)).replace("{tmp}", str(tmp_path)) for a in command]
    if argv[0] != "--root":
        argv = ["--root", str(root), *argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    captured = capsys.readouterr()
    text = captured.out + captured.err
    root.joinpath(SEED).chmod(0o644) if root.joinpath(SEED).is_file() else None

    assert "Traceback" not in text
    assert code == status, text
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    if where is not None:
        file, marker = where
        line = _line(root / file, marker) if marker is not None else None
        shown = f"{file}:{line}: " if line else f"{file}: "
        assert shown in captured.err, f"{shown!r} not in:\n{captured.err}"
    assert snapshot(out) == before, "the output folder changed"
    if status != 0:  # nothing written in the project either (add-source, propose)
        assert {name: data for name, data in snapshot(root).items() if not name.startswith(
            ("out/", ".briefing-cache/"))} == inputs, "a file of the project changed"
    assert not (tmp_path / "pwned").exists(), "a YAML tag ran code"
    assert not Path("/proc/briefing-out").exists()
