"""`briefing add-source`: a text becomes a seed file and a draft source, or nothing changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import ROOT

ARTICLE = ROOT / "tests" / "fixtures" / "new-source" / "article.txt"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_copies_byte_for_byte_and_registers_a_draft(project, cli, tmp_path):
    article = tmp_path / "bernama-2025-07-02.txt"
    article.write_bytes(ARTICLE.read_bytes())
    result = cli("add-source", str(article), "--outlet", "Bernama", "--title", "A title: with colon",
                 "--date", "2025-07-02", "--url", "https://example.org/a?b=1#c",
                 "--retrieved", "2025-07-03", root=project)
    assert result.code == 0, result.err
    seed = project / "seeds" / "bernama-2025-07-02.txt"
    assert seed.read_bytes() == ARTICLE.read_bytes()
    digest = hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert f"sha256 {digest[:12]}" in result.out
    assert "registered source s005 in seeds/sources.yaml (status: draft)" in result.out
    assert "next: briefing uncited s005; briefing propose s005 --append" in result.out
    # Uncited, a draft is a warning, not an error; the sources list shows the url.
    check = cli("check", root=project)
    assert check.code == 0, check.err
    assert "warning: source 's005' (bernama-2025-07-02.txt) is a draft that no fact cites" \
        in check.err
    sources = {s["id"]: s for s in json.loads(cli("sources", "--json", root=project).out)}
    assert sources["s005"]["url"] == "https://example.org/a?b=1#c"
    assert sources["s005"]["status"] == "draft" and sources["s005"]["retrieved"] == "2025-07-03"
    assert sources["s005"]["lines"] == [1, 12]  # 12 lines, the last ending in a newline
    assert "https://example.org" in cli("sources", root=project).out  # cut to fit the width


def test_defaults_leave_what_the_curator_must_give_as_notes(project, cli, tmp_path):
    article = tmp_path / "notes.text"
    article.write_bytes(ARTICLE.read_bytes())
    result = cli("add-source", str(article), root=project)
    assert result.code == 0, result.err
    assert (project / "seeds" / "notes.txt").is_file()  # seeds are .txt files
    assert 'the text\'s dateline reads "KUALA LUMPUR, 2 July 2025 –"' in result.out
    text = (project / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert "    outlet: null\n    outlet_note: Not given" in text
    assert '    title: null\n    label: "notes"' in text
    assert "    date: null\n    date_note: Not given" in text
    assert cli("check", root=project).code == 0


def test_a_file_already_in_seeds_is_registered_where_it_is(project, cli):
    seed = project / "seeds" / "dropped.txt"
    seed.write_bytes(ARTICLE.read_bytes())
    assert "seed file 'dropped.txt' is not registered" in cli("check", root=project).err
    result = cli("add-source", str(seed), "--id", "dropped", root=project)
    assert result.code == 0, result.err
    assert "seeds/dropped.txt is in seeds/ already" in result.out
    check = cli("check", root=project)
    assert "not registered" not in check.err and check.code == 0


def test_text_not_in_nfc_is_reported_and_kept(project, cli, tmp_path):
    article = tmp_path / "decomposed.txt"
    data = "Vie\u0302\u0323t Nam and the Communique\u0301.\n".encode()
    article.write_bytes(data)
    result = cli("add-source", str(article), root=project)
    assert result.code == 0, result.err
    assert "note: the text is not in Unicode NFC" in result.out
    assert "the first on line 1, col 4" in result.out
    assert (project / "seeds" / "decomposed.txt").read_bytes() == data


@pytest.mark.parametrize("name, data, message", [
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3", "the file is a PDF file, not plain text"),
    ("brief.docx", b"PK\x03\x04\x14\x00", "the file is a zip archive"),
    ("a.txt", "Vi\u1ec7t".encode("utf-16"), "the file is UTF-16 text; seeds are UTF-8"),
    ("b.txt", b"caf\xe9\n", "the file is not UTF-8 text (byte 0xe9 on line 1)"),
    ("c.txt", b"line one\nline\x00two", "the file holds a NUL byte (at byte 13, line 2)"),
    ("d.txt", b"ding\x07dong", "control character U+0007 on line 1"),
    ("e.txt", b"  \n\n", "the file is empty"),
])
def test_what_is_not_quotable_text_is_refused_and_nothing_written(project, cli, tmp_path,
                                                                  name, data, message):
    (tmp_path / name).write_bytes(data)
    before = _snapshot(project)
    result = cli("add-source", str(tmp_path / name), root=project)
    assert result.code == 2 and message in result.err, result.err
    assert "Traceback" not in result.err
    assert _snapshot(project) == before


@pytest.mark.parametrize("args, message", [
    (["--id", "s001"], "--id 's001' is taken by another source"),
    (["--id", "s002-thesun"], "--id 's002-thesun' is taken"),
    (["--id", "Bad Id"], "--id 'Bad Id' is not an id"),
    (["--date", "24/06/2025"], "--date: '24/06/2025' is not a date"),
    (["--url", "javascript:alert(1)"], "--url: 'javascript:alert(1)' is not a web address"),
])
def test_bad_arguments_are_refused_and_nothing_written(project, cli, tmp_path, args, message):
    (tmp_path / "x.txt").write_bytes(ARTICLE.read_bytes())
    before = _snapshot(project)
    result = cli("add-source", str(tmp_path / "x.txt"), *args, root=project)
    assert result.code == 2 and message in result.err, result.err
    assert _snapshot(project) == before


def test_a_file_registered_already_or_clashing_is_refused(project, cli, tmp_path):
    seed = project / "seeds" / "001_46aa95a88002895d.txt"
    result = cli("add-source", str(seed), root=project)
    assert result.code == 2
    assert "seeds/001_46aa95a88002895d.txt is registered already, as source 's001'" in result.err
    other = tmp_path / "001_46aa95a88002895d.txt"
    other.write_bytes(b"Other words.\n")
    result = cli("add-source", str(other), root=project)
    assert result.code == 2 and "exists already, with other bytes" in result.err


@pytest.mark.parametrize("planted", ["seeds/outside-article.txt", "seeds/sources.yaml"])
def test_never_reads_or_writes_through_a_symlink_out_of_the_project(project, cli, tmp_path,
                                                                   planted):
    """A seed name or sources.yaml that is a symlink out of the project is refused: the
    outside file is neither read (its words never shown) nor written."""
    outside = tmp_path / "outside.txt"
    outside.write_text("sources:\n  - id: SECRET-WORDS\n", encoding="utf-8")
    target = project / planted
    target.unlink(missing_ok=True)
    target.symlink_to(outside)
    article = tmp_path / "outside-article.txt"
    article.write_bytes(ARTICLE.read_bytes())
    before = _snapshot(project)
    result = cli("add-source", str(article), root=project)
    assert result.code == 2, result.out + result.err
    assert "outside" in result.err and "symlink" in result.err
    assert "SECRET-WORDS" not in result.out + result.err
    assert outside.read_text(encoding="utf-8") == "sources:\n  - id: SECRET-WORDS\n"
    assert _snapshot(project) == before


def test_proposals_are_never_appended_through_a_symlink(project, cli, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("facts: []\n", encoding="utf-8")
    (project / "seeds" / "facts" / "zz.yaml").symlink_to(outside)
    result = cli("propose", "s000", "--append", str(project / "seeds/facts/zz.yaml"),
                 root=project)
    assert result.code == 2, result.out + result.err
    assert outside.read_text(encoding="utf-8") == "facts: []\n"
