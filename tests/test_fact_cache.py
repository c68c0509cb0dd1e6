"""Facts kept between runs give exactly what reading the files again gives, and only
while the files and the code are the same."""

from __future__ import annotations

import pytest

from briefing import facts as facts_module
from briefing import readcache
from briefing.facts import load_fact_files
from conftest import edit

FILE = "seeds/facts/002-somtc-25.yaml"


@pytest.fixture
def cached(project, monkeypatch):
    """The project, with every fact file large enough to be kept."""
    monkeypatch.setattr(readcache, "SMALLEST", 0)
    monkeypatch.delenv("BRIEFING_CACHE", raising=False)
    return project


def _load(root):
    return load_fact_files(root / "seeds" / "facts", root)


def _no_reading(monkeypatch):
    def refuse(*_args):
        raise AssertionError("the file was read although its facts were kept")
    monkeypatch.setattr(facts_module, "parse_yaml", refuse)


def test_second_load_comes_from_the_cache_and_is_equal(cached, monkeypatch):
    first, problems = _load(cached)
    assert not problems and (cached / readcache.FOLDER / ".gitignore").is_file()
    _no_reading(monkeypatch)
    second, problems = _load(cached)
    assert not problems
    assert second == first  # every field: ids, texts, citations, files and lines
    assert [f.order for f in second] == list(range(len(first)))


def test_an_edited_file_is_read_again(cached):
    _load(cached)
    edit(cached / FILE, "text: ", "text: Edited. ")
    facts, _ = _load(cached)
    first_of_file = next(f for f in facts if f.file == FILE)
    assert first_of_file.text.startswith("Edited. ")


def test_other_code_never_uses_an_entry(cached, monkeypatch):
    _load(cached)
    monkeypatch.setattr(readcache, "_code_digest", lambda: "0" * 64)
    calls = []
    real = facts_module.parse_yaml
    monkeypatch.setattr(facts_module, "parse_yaml", lambda *a: calls.append(a) or real(*a))
    _load(cached)
    assert len(calls) == len(list((cached / "seeds" / "facts").glob("*.yaml")))


def test_a_file_with_a_warning_is_read_and_warned_about_every_time(cached):
    edit(cached / FILE, "  - id: ", "  - colour: blue\n    id: ")
    for _ in range(2):
        _, problems = _load(cached)
        assert any("unknown field 'colour'" in p.message for p in problems)


def test_a_damaged_entry_means_reading_the_file(cached):
    first, _ = _load(cached)
    for entry in (cached / readcache.FOLDER / "facts").iterdir():
        entry.write_bytes(entry.read_bytes()[:200] + b"damaged")
    again, problems = _load(cached)
    assert again == first and not problems


def test_an_unwritable_cache_changes_nothing(cached):
    (cached / readcache.FOLDER).write_text("a file where the folder would be")
    first, problems = _load(cached)
    assert first and not problems
    assert _load(cached)[0] == first


def test_briefing_cache_0_keeps_nothing(cached, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    _load(cached)
    assert not (cached / readcache.FOLDER).exists()


def test_small_files_are_never_kept(project, monkeypatch):
    monkeypatch.delenv("BRIEFING_CACHE", raising=False)
    _load(project)  # the shipped fact files are all under SMALLEST
    assert not (project / readcache.FOLDER).exists()
