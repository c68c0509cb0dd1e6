"""The trust boundary: what the program reads of a project, and what it refuses."""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest

from briefing.errors import UnusableInput
from briefing.inputs import LIMITS, check_docx, decode_text, read_bytes


@pytest.fixture
def root(tmp_path):
    (tmp_path / "project" / "seeds" / "facts").mkdir(parents=True)
    (tmp_path / "project" / "templates").mkdir()
    (tmp_path / "outside.txt").write_text("a secret from outside")
    return tmp_path / "project"


def refused(path, root, *args, **kwargs) -> str:
    with pytest.raises(UnusableInput) as info:
        read_bytes(path, root, *args, **kwargs)
    return str(info.value)


def test_a_regular_file_inside_its_folder_is_read(root):
    (root / "seeds" / "a.txt").write_bytes(b"words")
    assert read_bytes(root / "seeds" / "a.txt", root, "seed") == b"words"


def test_a_symlink_inside_the_folder_is_followed(root):
    (root / "seeds" / "a.txt").write_bytes(b"words")
    (root / "seeds" / "b.txt").symlink_to("a.txt")
    assert read_bytes(root / "seeds" / "b.txt", root, "seed") == b"words"


@pytest.mark.parametrize("target", ["../../outside.txt", "{abs}", "../templates/x.txt"])
def test_a_symlink_leaving_the_folder_is_refused_without_saying_where_it_leads(root, target):
    (root / "templates" / "x.txt").write_text("a template")
    link = root / "seeds" / "s.txt"
    link.symlink_to(target.replace("{abs}", str(root.parent / "outside.txt")))
    message = refused(link, root, "seed")
    assert "seeds/s.txt: error: cannot read file: it leads outside seeds/" in message
    assert "outside.txt" not in message and "secret" not in message


def test_a_folder_that_is_a_symlink_out_of_the_project_is_refused(root):
    (root / "seeds" / "facts").rmdir()
    (root.parent / "elsewhere").mkdir()
    (root.parent / "elsewhere" / "f.yaml").write_text("facts: []")
    (root / "seeds" / "facts").symlink_to(root.parent / "elsewhere")
    assert "leads outside" in refused(root / "seeds" / "facts" / "f.yaml", root, "yaml")


def test_a_fifo_is_refused_at_once(root):
    os.mkfifo(root / "seeds" / "pipe.txt")
    started = time.monotonic()
    assert "it is a FIFO (named pipe), not a regular file" in refused(
        root / "seeds" / "pipe.txt", root, "seed")
    assert time.monotonic() - started < 5


def test_a_device_or_a_socket_is_refused(root):
    import socket

    (root / "seeds" / "z").symlink_to("/dev/zero")
    assert "leads outside" in refused(root / "seeds" / "z", root, "seed")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "seeds" / "s.sock"))
        assert "it is a socket, not a regular file" in refused(root / "seeds" / "s.sock",
                                                               root, "seed")
    finally:
        server.close()


def test_names_too_long_with_a_nul_or_looping_are_refused(root):
    assert "its name is too long" in refused(root / "seeds" / ("x" * 300), root, "seed")
    assert "NUL" in refused(root / "seeds" / "a\0b", root, "seed")
    (root / "seeds" / "loop").symlink_to("loop")
    assert "a symlink that loops" in refused(root / "seeds" / "loop", root, "seed")


def test_each_kind_has_its_size_limit(root, monkeypatch):
    monkeypatch.setitem(LIMITS, "template", 10)
    (root / "templates" / "t.md.j2").write_bytes(b"x" * 11)
    assert "11 bytes, larger than the 10 a template may be" in refused(
        root / "templates" / "t.md.j2", root, "template")


def test_a_missing_file_names_what_was_looked_for(root):
    message = refused(root / "seeds" / "nope.txt", root, "seed", what="seed file 'nope.txt'",
                      file="seeds/sources.yaml", line=7, hint="correct 'file'")
    assert "seeds/sources.yaml:7: error: seed file 'nope.txt' not found" in message
    assert "correct 'file'" in message


@pytest.mark.parametrize("raw,text", [(b"\xef\xbb\xbfwords", "words"), (b"words", "words"),
                                      (b"a\xef\xbb\xbfb", "a\ufeffb")])
def test_a_byte_order_mark_at_the_start_is_dropped(raw, text):
    assert decode_text(raw, "x") == text


def test_utf16_is_named_as_such():
    with pytest.raises(UnusableInput, match="it is UTF-16"):
        decode_text("words".encode("utf-16"), "x")


def _docx(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("raw,why", [
    (b"not a zip", "not a zip file"),
    (_docx({"a.xml": b"x"}), "no word/document.xml"),
    (_docx({"[Content_Types].xml": b"x", "word/document.xml": b"\0" * (65 << 20)}),
     "unpacks to"),
    (_docx({f"{i}.xml": b"" for i in range(2001)}), "2,001 parts"),
])
def test_a_reference_docx_must_be_a_word_document_of_a_sensible_size(raw, why):
    with pytest.raises(UnusableInput, match=why):
        check_docx(raw, "reference_docx 'x.docx'", "o.yaml", 3)


def test_a_word_document_passes():
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    check_docx(buffer.getvalue(), "reference_docx 'x.docx'", "o.yaml", 3)
