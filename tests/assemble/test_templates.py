"""What section templates see of a fact."""

from __future__ import annotations

import re

from conftest import fixture_root

from briefing.assemble.templates import FactView, fact_view
from briefing.factbase.dates import display_date
from briefing.factbase.load import load_factbase
from briefing.project import Project


def test_fact_view_fields_say_what_the_fact_says():
    base = load_factbase(Project(fixture_root())).require_valid()
    vocab = base.vocab
    for fact in base.facts:
        view = fact_view(fact, vocab)
        assert (view.id, view.kind, view.text, view.tags) == (fact.id, fact.kind, fact.text,
                                                              fact.tags)
        assert view.date == display_date(fact.date)
        assert view.date_iso == (fact.date.iso() if fact.date else "")
        if len(fact.meetings) < 2:
            assert view.meeting == (vocab["meetings"][fact.meetings[0]] if fact.meetings
                                    else None)
        for kind in ("meetings", "crime_types", "partners", "member_states", "people", "initiatives"):
            assert getattr(view, kind) == tuple(vocab[kind][i] for i in getattr(fact, kind))
        assert view.place == (fact.place or "")
        assert view.sources == tuple(fact.sources)


def test_fact_views_compare_and_print_as_values():
    base = load_factbase(Project(fixture_root())).require_valid()
    first, second = base.facts[:2]
    a, b = fact_view(first, base.vocab), fact_view(first, base.vocab)
    assert a == b and hash(a) == hash(b) and a != fact_view(second, base.vocab)
    assert repr(a).startswith(f"FactView(id={first.id!r}, kind={first.kind!r}, ")
    assert all(f"{name}=" in repr(a) for name in FactView.FIELDS)


# --- templates come with the project: sandboxed, budgeted, read at the boundary -------

import pytest  # noqa: E402

from briefing.assemble import templates as templates_module  # noqa: E402
from briefing.assemble.templates import Templates  # noqa: E402
from briefing.errors import DataInvalid, UnusableInput  # noqa: E402


@pytest.fixture
def sections(tmp_path):
    folder = tmp_path / "project" / "templates" / "sections"
    folder.mkdir(parents=True)
    base = load_factbase(Project(fixture_root())).require_valid()

    def render(text, name="t.md.j2", raw=None):
        path = folder / name
        path.write_bytes(raw if raw is not None else text.encode("utf-8"))
        views = [fact_view(f, base.vocab) for f in base.facts[:3]]
        return Templates(folder, tmp_path / "project", base.vocab).render(
            name, facts=views, section={"title": "T", "options": {}}, brief={"title": "B"})
    return render


def test_a_byte_order_mark_never_reaches_the_brief(sections):
    assert sections("", raw=b"\xef\xbb\xbfHello {{ facts|length }}\n") == "Hello 3\n"


def test_a_loop_that_calls_nothing_is_stopped_by_the_time_budget(sections, monkeypatch):
    monkeypatch.setattr(templates_module, "RENDER_SECONDS", 0.5)
    with pytest.raises(DataInvalid) as info:
        sections("x\n{% for a in range(100000) %}{% for b in range(100000) %}"
                 "{% endfor %}{% endfor %}\n")
    assert "template is over its budget: rendering took more than 0.5 s" in str(info.value)
    assert "t.md.j2:2:" in str(info.value)


def test_the_budget_is_checked_where_no_timer_can_run(sections, monkeypatch):
    """Outside the main thread there is no timer: every call checks the deadline."""
    import threading

    monkeypatch.setattr(templates_module, "RENDER_SECONDS", 0.3)
    caught = []

    def run():
        try:
            sections("{% for a in range(100000) %}{% for b in range(1000) %}"
                     "{{ name('cybercrime') }}{% endfor %}{% endfor %}")
        except DataInvalid as exc:
            caught.append(str(exc))
    worker = threading.Thread(target=run)
    worker.start()
    worker.join(60)
    assert caught and "over its budget" in caught[0]


def test_output_is_bounded(sections, monkeypatch):
    monkeypatch.setattr(templates_module, "OUTPUT_CHARS", 1000)
    with pytest.raises(DataInvalid, match="wrote more than 1,000 characters"):
        sections("{% for a in range(100) %}{{ '-' * 100 }}{% endfor %}")


@pytest.mark.parametrize("text,what", [
    ("{{ 2 ** 10000000 }}", "would have more than 1,000,000 digits"),
    ("{{ [1] * 10000000 }}", "'*' would make 10,000,000 items"),
    ("{{ 'ab' * 600000 + 'c' }}", "'*' would make 1,200,000"),
    ("{{ (1e308 * 10) | int }}", "OverflowError"),
    ("{{ facts[0]._fact }}", "access to attribute '_fact' of a fact is unsafe"),
    ("{{ group_by(facts, 'id') }}", "group_by cannot group by 'id'"),
    ("{{ {}.x.y }}", "undefined name"),
])
def test_runtime_errors_and_huge_values_are_the_templates_errors(sections, text, what):
    with pytest.raises(DataInvalid, match=re.escape(what)):
        sections(text)


def test_a_template_that_is_a_symlink_out_of_the_folder_is_refused(sections, tmp_path):
    outside = tmp_path / "outside.md.j2"
    outside.write_text("a secret")
    folder = tmp_path / "project" / "templates" / "sections"
    (folder / "inc.md.j2").symlink_to(outside)
    with pytest.raises(UnusableInput) as info:
        sections("{% include 'inc.md.j2' %}")
    assert "leads outside templates/sections/" in str(info.value)
    assert "secret" not in str(info.value)
