"""`briefing uncited`: the sentences no fact cites, with lines; debris skipped."""

from __future__ import annotations

import json


def test_lists_what_no_fact_cites_and_skips_declared_debris(project, cli):
    result = cli("uncited", "s001", "--json", root=project)
    assert result.code == 0, result.err
    assert json.loads(result.out) == []  # every sentence of s001 is cited
    (project / "seeds/facts/001-apsc-council.yaml").unlink()
    for name in ("full-brief", "quick-brief", "cybercrime", "partners"):
        (project / f"templates/outlines/{name}.yaml").unlink()
    found = json.loads(cli("uncited", "s001", "--json", root=project).out)
    texts = [p["text"] for p in found]
    assert texts[0].startswith("ASEAN must urgently strengthen regional security cooperation")
    assert not any("Click Here" in t or t == "Related" for t in texts)  # declared debris
    # A quotation of two sentences is one sentence, with its speaker.
    assert any(t.startswith("“Countless") and t.endswith("he warned.") for t in texts)
    for p in found:
        lines = (project / "seeds" / p["file"]).read_text(encoding="utf-8").split("\n")
        assert p["text"] in lines[p["line"] - 1]
    text = cli("uncited", "s001", root=project).out
    assert "s001 (001_46aa95a88002895d.txt, lines 1-12): 10 sentences no fact cites; " \
           "2 passages of debris skipped" in text
    assert "  line 2: ASEAN must urgently" in text


def test_a_seed_entry_with_segments_lists_each_and_marks_fragments(project, cli):
    text = cli("uncited", "s002", root=project).out
    assert text.count("002_6ce76abb59b9a186.txt, lines ") == 4
    # The Sun's headline is cited by no fact, and has no full stop.
    assert ("  line 16: ASEAN SOMTC focuses on combating 10 cross-border crimes  "
            "[no final punctuation: a heading, byline or caption?]") in text


def test_an_unknown_source_is_suggested(project, cli):
    result = cli("uncited", "s002-thesum", root=project)
    assert result.code == 2 and "unknown source 's002-thesum'" in result.err
    assert "did you mean 's002-thesun'?" in result.err
