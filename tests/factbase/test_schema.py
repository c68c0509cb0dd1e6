"""The quick test of a clean record never passes a record the full check faults."""

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.factbase import schema
from briefing.factbase.facts import CITATION_FIELDS, FACT_FIELDS

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
    st.sampled_from(["", " ", "\t", "ok", "Some text.", "f-001", "Bad_ID", "meeting",
                     "priority", "key", "-x"]),
    st.lists(st.sampled_from(["a", "b-2", "Bad", "", 3]), max_size=3),
    st.dictionaries(st.sampled_from(["x", "y"]), st.text(max_size=3), max_size=2))


def _records(fields):
    keys = st.sampled_from([*fields, "unknown", "Text"])
    return st.dictionaries(keys, _VALUES, max_size=len(fields) + 1)


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_a_record_passed_as_clean_has_no_problem(data):
    fields = data.draw(st.sampled_from([FACT_FIELDS, CITATION_FIELDS]))
    record = data.draw(_records(fields))
    problems = schema._problems(record, fields, "fact", "f.yaml", 1)
    if schema._clean(record, fields):
        assert problems == []
    assert schema.check_record(record, fields, "fact", "f.yaml", 1) == problems


def test_a_typical_fact_is_clean():
    record = {"id": "f-1", "kind": "meeting", "text": "The ministers met.",
              "crime_types": ["terrorism"], "date": "2025-06-24",
              "citations": [{"source": "s1", "quote": "met"}]}
    assert schema._clean(record, FACT_FIELDS)
    assert not schema._clean({**record, "kind": "gossip"}, FACT_FIELDS)
    assert not schema._clean({k: v for k, v in record.items() if k != "text"}, FACT_FIELDS)
