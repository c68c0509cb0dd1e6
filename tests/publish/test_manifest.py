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
    assert json.loads(Manifest().to_bytes()) == {"changes": "", "outputs": {},
                                                  "package": Manifest().package,
                                                  "schema": SCHEMA}


# --- a manifest is untrusted: checked whole, never followed ------------------------------

import pytest  # noqa: E402
from conftest import copy_project  # noqa: E402


@pytest.fixture
def built(tmp_path):
    """A project copy with its quick brief built (Markdown), and a file outside it."""

    from briefing.cli import main

    root = copy_project(tmp_path / "project")
    assert main(["--root", str(root), "build", "quick-brief", "--format", "md"]) == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("not the build's to remove")
    return root, victim


def _entry(outline="gone", fmt="md"):
    return {"outline": outline, "format": fmt, "sha256": "ab" * 32, "inputs": {},
            "facts": {}, "sources": {}}


def _plant(root, change):
    path = root / "out" / "manifest.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("name", ["../victim.txt", "{victim}", "gone/../../victim.txt",
                                  "manifest.json", "CHANGES.md", ".briefing-journal.json",
                                  "gone.md\0x"])
def test_a_manifest_naming_anything_but_an_output_is_damaged(built, cli, name):
    root, victim = built
    name = name.replace("{victim}", str(victim))
    _plant(root, lambda d: d["outputs"].__setitem__(name, _entry()))
    before = {p.name: p.read_bytes() for p in (root / "out").iterdir()}
    result = cli("build", "quick-brief", "--format", "md", root=root)
    assert result.code == 2, result.err
    assert "out/manifest.json: error: the manifest is damaged: its entry" in result.err
    assert "is not a plain file name of an output" in result.err
    assert victim.read_text() == "not the build's to remove"
    assert {p.name: p.read_bytes() for p in (root / "out").iterdir()} == before


@pytest.mark.parametrize("change,why", [
    (lambda d: d.__setitem__("outputs", []), "'outputs' is not a mapping"),
    (lambda d: d["outputs"].__setitem__("gone.md", "x"), "does not have exactly the fields"),
    (lambda d: d["outputs"].__setitem__("gone.md", {**_entry(), "extra": 1}),
     "does not have exactly the fields"),
    (lambda d: d["outputs"].__setitem__("other.md", _entry("gone")),
     "does not start with the name of its outline"),
    (lambda d: d["outputs"].__setitem__("gone.md", {**_entry(), "format": "exe"}),
     "has an unknown format 'exe'"),
    (lambda d: d["outputs"].__setitem__("gone.md", {**_entry(), "facts": {"a": 1}}),
     "has 'facts' that is not a mapping of text to text"),
    (lambda d: d.pop("schema"), "it has no schema number"),
])
def test_a_manifest_of_the_wrong_shape_is_damaged(built, cli, change, why):
    root, _ = built
    _plant(root, change)
    result = cli("build", "quick-brief", "--format", "md", root=root)
    assert result.code == 2 and why in result.err and "Traceback" not in result.err
    assert "delete it and build again" in result.err


def test_a_manifest_that_is_not_json_or_is_a_symlink_is_damaged(built, cli):
    root, victim = built
    path = root / "out" / "manifest.json"
    path.write_text("{not json")
    assert "the manifest is damaged: it is not JSON" in cli("build", "--format", "md",
                                                            root=root).err
    path.unlink()
    path.symlink_to(victim)
    result = cli("build", "--format", "md", root=root)
    assert result.code == 2 and "it is not a regular file" in result.err
    assert victim.read_text() == "not the build's to remove"


def test_a_manifest_of_another_schema_means_rebuilding_everything(built, cli):
    root, _ = built
    _plant(root, lambda d: d.__setitem__("schema", 0))
    result = cli("build", "quick-brief", "--format", "md", root=root)
    assert result.code == 0 and "1 written" in result.out


def test_a_stale_entry_with_a_plain_name_is_removed_and_only_it(built, cli):
    root, victim = built
    (root / "out" / "gone.md").write_text("an output of an outline that is gone")
    _plant(root, lambda d: d["outputs"].__setitem__("gone.md", _entry()))
    result = cli("build", "quick-brief", "--format", "md", root=root)
    assert result.code == 0 and "removed" in result.out
    assert not (root / "out" / "gone.md").exists() and victim.exists()
