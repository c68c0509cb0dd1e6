"""Facts kept between runs give exactly what reading the files again gives, and only
while the files and the code are the same; their citations' locations only while the
seeds and sources.yaml are the same too."""

from __future__ import annotations

import hashlib

import pytest
from conftest import edit

from briefing.factbase import cache as readcache
from briefing.factbase import facts as facts_module
from briefing.factbase import load as factbase_module
from briefing.factbase.load import load_factbase
from briefing.project import find_project

FILE = "seeds/facts/002-somtc-25.yaml"


@pytest.fixture
def cached(project, monkeypatch):
    """The project, with every fact file large enough to be kept."""
    monkeypatch.setattr(readcache, "SMALLEST", 0)
    monkeypatch.delenv("BRIEFING_CACHE", raising=False)
    return project


def _load(root):
    base = load_factbase(find_project(root))
    return base.facts, base.errors + base.warnings


def _no_reading(monkeypatch):
    def refuse(*_args):
        raise AssertionError("the file was read although its facts were kept")
    monkeypatch.setattr(facts_module, "parse_yaml", refuse)


def _no_searching(monkeypatch):
    def refuse(*_args):
        raise AssertionError("quotes were searched for although their locations were kept")
    monkeypatch.setattr(factbase_module, "find_all", refuse)
    monkeypatch.setattr(factbase_module, "locate", refuse)


def _locations(facts):
    return {(f.id, c.quote): c.location for f in facts for c in f.citations}


def test_second_load_comes_from_the_cache_and_is_equal(cached, monkeypatch):
    first, problems = _load(cached)
    assert not problems and (cached / readcache.FOLDER / ".gitignore").is_file()
    _no_reading(monkeypatch)
    second, problems = _load(cached)
    assert not problems
    assert second == first  # every field: ids, texts, citations, files and lines
    assert [f.order for f in second] == list(range(len(first)))


def test_kept_citations_are_not_searched_again_and_keep_their_locations(cached, monkeypatch):
    first, _ = _load(cached)
    assert all(c.location for f in first for c in f.citations)
    _no_reading(monkeypatch)
    _no_searching(monkeypatch)
    second, problems = _load(cached)
    assert not problems and _locations(second) == _locations(first)


def test_kept_facts_carry_their_digests_as_computed_afresh(cached, monkeypatch):
    _load(cached)
    kept, _ = _load(cached)
    assert all("digest" in vars(fact) for fact in kept)  # not computed again
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    fresh, _ = _load(cached)
    # Computed only where a fact is lent the citation that dates it (`date_from: {fact}`):
    # its digest is of what its file says, taken before the loan.
    assert not any("digest" in vars(fact) for fact in fresh if not fact.date_fact)
    assert [f.digest for f in kept] == [f.digest for f in fresh]
    assert len({f.digest for f in fresh}) == len(fresh)


def test_a_changed_seed_means_searching_again(cached, monkeypatch):
    first, _ = _load(cached)
    seed = cached / "seeds" / "000_9c59e753f68ead8e.txt"
    old_sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    seed.write_bytes(b"A line added above.\n" + seed.read_bytes())
    new_sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    edit(cached / "seeds" / "sources.yaml", old_sha, new_sha)
    _no_reading(monkeypatch)  # the facts themselves are still those kept
    again, problems = _load(cached)
    assert not problems
    moved = [(f.id, c) for f in again for c in f.citations if c.source == "s000"]
    assert moved
    old = _locations(first)
    for fid, cit in moved:  # every quote of that seed is now one line further down
        assert cit.location.line == old[(fid, cit.quote)].line + 1
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    assert _locations(again) == _locations(_load(cached)[0])  # as if nothing were kept


def test_a_file_whose_quote_is_not_found_is_not_kept(cached, monkeypatch):
    edit(cached / FILE, "quote: ", "quote: Not in the seed at all. ")
    for _ in range(2):
        _, problems = _load(cached)
        assert any("quote not found" in p.message for p in problems)
    assert len(list((cached / readcache.FOLDER / "facts").iterdir())) == len(
        list((cached / "seeds" / "facts").glob("*.yaml"))) - 1


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


# --- the cache is part of the project folder, so it is untrusted -----------------------

def _entries(root):
    return sorted((root / readcache.FOLDER / "facts").glob("*.json"))


def test_a_planted_pickle_never_runs(cached, tmp_path):
    """A pickle that would create a file when loaded, under every name an entry could
    have: the cache reads JSON only, so it is never loaded."""
    import pickle

    class Payload:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    _load(cached)
    planted = pickle.dumps(Payload())
    for entry in _entries(cached):
        header = entry.read_bytes()[:readcache._HEADER]
        entry.write_bytes(header + planted)
        entry.with_suffix(".pickle").write_bytes(header + planted)
    facts, problems = _load(cached)
    assert facts and not problems and not (tmp_path / "pwned").exists()


def test_an_entry_made_to_match_a_file_is_checked_value_by_value(cached, monkeypatch):
    """An entry with the right header (computable by anyone) but a value of the wrong
    type, an id that is no id or a character documents cannot hold is not used."""
    import json

    first, _ = _load(cached)
    for change in (lambda f: f.__setitem__(0, "Not An Id"),
                   lambda f: f.__setitem__(2, "text with a bell \a"),
                   lambda f: f.__setitem__(1, "rumour"),
                   lambda f: f.__setitem__(5, ["ok", 3]),
                   lambda f: f.__setitem__(10, "2025-02-30"),
                   lambda f: f.pop()):
        for entry in _entries(cached):
            raw = entry.read_bytes()
            header, value = raw[:readcache._HEADER], json.loads(raw[readcache._HEADER:])
            change(value["facts"][0])
            entry.write_bytes(header + json.dumps(value).encode())
        calls = []
        real = facts_module.parse_yaml
        monkeypatch.setattr(facts_module, "parse_yaml", lambda *a: calls.append(a) or real(*a))
        again, problems = _load(cached)
        assert again == first and not problems
        assert len(calls) == len(_entries(cached))  # each file read again, entry replaced
        monkeypatch.undo()
        monkeypatch.setattr(readcache, "SMALLEST", 0)


def test_planted_locations_are_checked_against_the_seeds(cached, monkeypatch):
    """An entry whose citations claim a place in the seed where the quote is not: the
    quotes are searched for again, so no citation counts as found that is not there."""
    import json

    first, _ = _load(cached)
    for entry in _entries(cached):
        raw = entry.read_bytes()
        header, value = raw[:readcache._HEADER], json.loads(raw[readcache._HEADER:])
        for fact in value["facts"]:
            for citation in fact[3]:
                start, end, line, column, end_line = citation[5]
                citation[5] = [start + 1, end + 1, line, column + 1, end_line]
        entry.write_bytes(header + json.dumps(value).encode())
    again, problems = _load(cached)
    assert not problems and _locations(again) == _locations(first)


def test_a_symlinked_gitignore_or_entry_is_replaced_not_written_through(cached, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("mine")
    folder = cached / readcache.FOLDER
    (folder / "facts").mkdir(parents=True)
    (folder / ".gitignore").symlink_to(victim)
    first, _ = _load(cached)
    assert victim.read_text() == "mine"
    for entry in _entries(cached):
        entry.unlink()
        entry.symlink_to(victim)
    assert _load(cached)[0] == first and victim.read_text() == "mine"
    assert not any(e.is_symlink() for e in _entries(cached))


def test_a_cache_folder_that_is_a_symlink_is_not_used(cached, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (cached / readcache.FOLDER).symlink_to(elsewhere)
    first, problems = _load(cached)
    assert first and not problems and not list(elsewhere.iterdir())


def test_an_entry_brought_with_a_project_is_never_used(cached, tmp_path, monkeypatch):
    """A project handed over (a pull request, an archive, a copy) can bring entries whose
    header matches its files' bytes and the code, holding facts other than the files'
    (their quotes real, so no check of the entry could tell). Such an entry is a miss:
    it was made for the files as they stood on another disk."""
    import json
    import shutil

    _load(cached)
    for entry in _entries(cached):  # facts that say what the file does not
        raw = entry.read_bytes()
        header, value = raw[:readcache._HEADER], json.loads(raw[readcache._HEADER:])
        value["facts"][0][2] = "A sentence nobody reviewed."
        entry.write_bytes(header + json.dumps(value).encode())
    assert any(f.text == "A sentence nobody reviewed." for f in _load(cached)[0])  # here
    handed = tmp_path / "handed-over"
    shutil.copytree(cached, handed)  # times kept, as an archive keeps them
    calls = []
    real = facts_module.parse_yaml
    monkeypatch.setattr(facts_module, "parse_yaml", lambda *a: calls.append(a) or real(*a))
    facts, problems = _load(handed)
    assert not problems and len(calls) == len(list((handed / "seeds/facts").glob("*.yaml")))
    assert not any(f.text == "A sentence nobody reviewed." for f in facts)
    monkeypatch.undo()
    monkeypatch.setattr(readcache, "SMALLEST", 0)
    again = load_factbase(find_project(handed)).facts  # kept anew, for this disk
    assert [f.text for f in again] == [f.text for f in facts]


def test_a_file_touched_again_is_read_again(cached, monkeypatch):
    import os

    _load(cached)
    path = cached / FILE
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # same bytes, rewritten
    calls = []
    real = facts_module.parse_yaml
    monkeypatch.setattr(facts_module, "parse_yaml", lambda *a: calls.append(a) or real(*a))
    _load(cached)
    assert len(calls) == 1
