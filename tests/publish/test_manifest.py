"""The manifest reads back as it was written, one output a line, keys sorted."""

import json

from briefing.publish.manifest import SCHEMA, Entry, Manifest
from briefing.publish.output import OutputFolder


def test_manifest_round_trips_with_awkward_names(tmp_path):
    outputs = {
        "brief \"x\".md": Entry("brief \"x\"", "md", "ab" * 32, {"brief": "1", "outline": "2"},
                                {"f-1": "d1", "f-2": "d2"}, {"s1": "e" * 64}),
        "Việt Nam 王毅.pdf": Entry("Việt Nam 王毅", "pdf", "cd" * 32, {}, {}, {}),
    }
    data = Manifest(outputs, "9.9").to_bytes()
    (tmp_path / "manifest.json").write_bytes(data)
    back = Manifest.read(OutputFolder(tmp_path))
    assert back.outputs == outputs and back.package == "9.9"
    parsed = json.loads(data)
    assert parsed["schema"] == SCHEMA and list(parsed) == sorted(parsed)
    lines = data.decode().splitlines()
    assert sum(1 for line in lines if line.startswith("    ")) == len(outputs)
    assert "Việt Nam 王毅" in data.decode()  # readable, not \\u escapes


def test_empty_manifest_is_valid_json():
    assert json.loads(Manifest().to_bytes()) == {"outputs": {}, "package": Manifest().package,
                                                  "schema": SCHEMA}
