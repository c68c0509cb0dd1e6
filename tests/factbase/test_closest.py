"""The closest passage to a quote not found: in the seed's own characters, with its first
difference by line, column and code point, and found in bounded time on any seed."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.factbase import closest as closest_module
from briefing.factbase.quotes import Miss, locate
from briefing.factbase.sources import SeedFile, Source

TEXT = ("KUALA LUMPUR, 2 July 2025 – The ASEAN Dialogue Partnersheld talks on the Communiqué "
        "of the 25th SOMTC.\nThe ministers agreed to meet again in Vientiane next year.\n")


def _source(text: str = TEXT) -> Source:
    seed = SeedFile("x.txt", Path("x.txt"), text, "0" * 64)
    return Source("x", seed, 1, seed.line_count)


def _miss(quote: str, text: str = TEXT) -> Miss:
    found = locate(_source(text), quote)
    assert isinstance(found, Miss) and found.reason == "not-found", found
    return found


@pytest.mark.parametrize("quote, passage, difference", [
    ("Dialogue Partners held talks", "Dialogue Partnersheld talks",
     "line 1, col 56: quote has U+0020 SPACE, source has 'h' (U+0068)"),
    ("on the Communique of the", "on the Communiqué of the",
     "line 1, col 83: quote has 'e' (U+0065), source has 'é' (U+00E9)"),
    # The passage keeps the seed's en dash; the quote's hyphen matches it (normalisation).
    ("2 July 2025 - The ASEAN Dialog Partners", "2 July 2025 – The ASEAN Dialogue Partnersheld",
     "line 1, col 45: quote has U+0020 SPACE, source has 'u' (U+0075)"),
    ("agreed to meet again in Vientiane last year", "agreed to meet again in Vientiane next year.",
     "line 2, col 49: quote has 'l' (U+006C), source has 'n' (U+006E)"),
])
def test_the_passage_is_in_the_seeds_characters_with_its_first_difference(quote, passage,
                                                                         difference):
    miss = _miss(quote)
    assert miss.closest == passage
    assert miss.difference == difference
    col = int(difference.split("col ")[1].split(":")[0])
    line = int(difference.split("line ")[1].split(",")[0])
    # The caret stands under the differing character of the passage shown.
    line_text = TEXT.split("\n")[line - 1]
    assert miss.closest[miss.caret] == line_text[col - 1]
    assert miss.closest_line == line


def test_a_quote_like_nothing_in_the_source_has_no_closest_passage():
    assert _miss("completely unrelated words zzz").closest == ""


def test_the_message_shows_the_passage_and_a_caret(project, cli):
    from factbase_fixtures import use_facts

    path = use_facts(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote: concluded in Putrajaya after five days",
                                 "quote: concluded in Putrajaya after fivedays"),
                    encoding="utf-8")
    err = cli("check", root=project).err
    lines = err.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("  closest: "))
    assert lines[at].startswith("  closest: concluded in Putrajaya after five days")
    caret = lines[at + 1]
    assert caret.strip().startswith("^ line 17, col ")
    assert "quote has 'd' (U+0064), source has U+0020 SPACE" in caret
    # The caret is under the space the quote lacks.
    assert lines[at][caret.index("^")] == " "
    assert lines[at][caret.index("^") - 4:caret.index("^")] == "five"


def test_line_range_of_a_file_ending_in_a_newline(project, cli):
    from factbase_fixtures import use_facts

    text = "".join(f"Line {n} of the article.\n" for n in range(1, 14))
    (project / "seeds/thirteen.txt").write_text(text, encoding="utf-8")
    with (project / "seeds/sources.yaml").open("a", encoding="utf-8") as out:
        out.write(f"\n  - id: s013\n    file: thirteen.txt\n    sha256: "
                  f"{hashlib.sha256(text.encode()).hexdigest()}\n    title: Thirteen\n"
                  "    date: 2025-07-01\n")
    path = use_facts(project)
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: thirteen\n    kind: context\n    text: A line.\n    citations:\n"
        "      - source: s013\n        quote: Line 13 of the articles\n"), encoding="utf-8")
    err = cli("check", root=project).err
    assert "quote not found in s013 (thirteen.txt, lines 1-13)" in err


def test_alignment_is_bounded_by_the_quote_not_the_seed(monkeypatch):
    """On a seed larger than WHOLE_UP_TO, only windows about the quote's size are aligned,
    and each chunk search stops after MAX_HITS hits."""
    lines = [f"Sentence {n} of a long archive about transnational crime and regional "
             "cooperation." for n in range(40_000)]
    text = "\n".join(lines)
    assert len(text) > closest_module.WHOLE_UP_TO
    aligned = []
    real = closest_module.fuzz.partial_ratio_alignment

    def spy(needle, hay):
        aligned.append(len(hay))
        return real(needle, hay)

    monkeypatch.setattr(closest_module.fuzz, "partial_ratio_alignment", spy)
    quote = lines[31_234].replace("regional", "regionnal")
    miss = _miss(quote, text)
    assert miss.closest == lines[31_234]
    assert aligned and max(aligned) <= 2 * len(quote) + 16
    assert len(aligned) <= closest_module.CANDIDATES


@pytest.mark.slow
def test_check_with_a_50_mb_seed_and_one_missing_quote_takes_under_5_s(tmp_path):
    """Issue 17: the closest-passage search took ~52 s on a 50 MB seed."""
    root = tmp_path / "project"
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "project"
    import shutil

    shutil.copytree(fixture / "seeds" / "vocab", root / "seeds" / "vocab")
    (root / "seeds" / "facts").mkdir()
    words = ("ministers agreed cooperate against transnational crime online scams region "
             "security partners meeting officials declaration border police").split()
    lines = [" ".join(words[(n * 7 + k * 3) % len(words)] for k in range(14)).capitalize()
             + f" R{n:07d}." for n in range(390_000)]
    text = "\n".join(lines)
    assert len(text) >= 50_000_000
    (root / "seeds" / "archive.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    (root / "seeds" / "sources.yaml").write_text(
        f"sources:\n  - id: big\n    file: archive.txt\n    sha256: {sha}\n    title: Archive\n"
        "    date: 2025-01-01\n", encoding="utf-8")
    target = lines[300_001]
    (root / "seeds" / "facts" / "f.yaml").write_text(
        f"facts:\n  - id: found\n    kind: context\n    text: A.\n    citations:\n"
        f"      - source: big\n        quote: \"{lines[5]}\"\n"
        f"  - id: missed\n    kind: context\n    text: B.\n    citations:\n"
        f"      - source: big\n        quote: \"{target.replace('crime', 'crimes', 1)}\"\n",
        encoding="utf-8")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "briefing", "--root", str(root), "check"],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    assert proc.returncode == 1
    assert f"closest: {target}" in proc.stderr
    assert "(line 300002)" in proc.stderr
    assert elapsed < 5, f"check took {elapsed:.1f} s"
