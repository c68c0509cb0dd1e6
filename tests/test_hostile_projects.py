"""The catalogue of bad inputs, continued: projects made hostile or broken on purpose.

The same procedure as `test_bad_inputs.py` (a copy of the shipped project broken in one
way, the command run in-process, the exit status, message, file and line checked, the
output folder byte-for-byte unchanged), for what a pull request or an unlucky disk can
put in a project: files that are symlinks out of the project (to a file holding a
secret, or to /dev/zero), FIFOs, names with a NUL, YAML tags and alias bombs, text a PDF
cannot show, templates that divide by zero, recurse or ask for a gigabyte, reference
.docx files that are no zip or a zip bomb, and arguments that name nothing. Each case
also checks that the secret's words appear nowhere, in messages or outputs, and that
nothing outside the project changed.

Cases of the output folder itself (a damaged manifest, a full disk, two builds at once)
are in `tests/publish/`: they change the folder before the build by design.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import copy_project
from test_bad_inputs import (
    BUILD,
    CHECK,
    NEW_FACTS,
    NEW_OUTLINE,
    SEED,
    _line,
    edit,
    nothing,
    overlay,
    put,
    snapshot,
)

from briefing.cli import main

SECRET = "The launch code is 0000-SECRET-0000."
SEED_LINE = "file: 004_"
PDF_BUILD = ("build", "zz-bad", "--format", "pdf", "--out", "{out}")
DOCX_BUILD = ("build", "zz-bad", "--format", "docx", "--out", "{out}")


def symlink_out(path: str):
    """Replace `path` by a symlink to a file outside the project holding SECRET."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        secret = tmp / "outside" / "secret.txt"
        secret.parent.mkdir(exist_ok=True)
        secret.write_text(f"facts: []\n# {SECRET}\n{SECRET}\n", encoding="utf-8")
        target = root / path
        target.unlink(missing_ok=True)
        target.symlink_to(secret)
    return apply


def symlink_to(path: str, target: str):
    def apply(root: Path, case: str, tmp: Path) -> None:
        (root / path).unlink(missing_ok=True)
        (root / path).symlink_to(target)
    return apply


def fifo(path: str):
    """Replace `path` by a FIFO, which blocks any reader until a writer comes."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        (root / path).unlink(missing_ok=True)
        os.mkfifo(root / path)
    return apply


def then(*steps):
    def apply(root: Path, case: str, tmp: Path) -> None:
        for step in steps:
            step(root, case, tmp)
    return apply


def write_file(path: str, data: bytes):
    def apply(root: Path, case: str, tmp: Path) -> None:
        (root / path).write_bytes(data)
    return apply


def with_new_sha(path: str, change):
    """Change a seed's bytes and record its new sha256, so only the change is tested."""
    def apply(root: Path, case: str, tmp: Path) -> None:
        seed = root / path
        old = hashlib.sha256(seed.read_bytes()).hexdigest()
        seed.write_bytes(change(seed.read_bytes()))
        new = hashlib.sha256(seed.read_bytes()).hexdigest()
        edit("seeds/sources.yaml", old, new)(root, case, tmp)
    return apply


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (80 * 1024 * 1024))  # ~80 KB packed
    return buffer.getvalue()


NAME_TOO_LONG = "a" * 300

CASES = [
    # --- YAML that is not plain data, or cannot be read as its tag says: exit 2 -------
    ("yaml-tag-timestamp-invalid", put(NEW_FACTS), CHECK, 2,
     ["the tag !!timestamp is not read: only plain data is", "remove the tag"],
     (NEW_FACTS, "!!timestamp")),
    ("yaml-tag-int-invalid", put(NEW_FACTS), CHECK, 2,
     ["'three' is not a whole number", "quote it"], (NEW_FACTS, "!!int")),
    ("yaml-tag-bool-invalid", put(NEW_FACTS), CHECK, 2,
     ["'maybe' is not true or false"], (NEW_FACTS, "!!bool")),
    ("yaml-tag-set", put(NEW_FACTS), CHECK, 2,
     ["the tag !!set is not read"], (NEW_FACTS, "!!set")),
    ("yaml-number-too-long", put(NEW_FACTS), CHECK, 2,
     ["is not a whole number"], (NEW_FACTS, "length_days")),
    ("yaml-alias-bomb", put(NEW_FACTS), CHECK, 2,
     ["aliases expand this document by more than 100,000 values"], (NEW_FACTS, "d: &d")),
    ("yaml-alias-loop", put(NEW_FACTS), CHECK, 2,
     ["an alias stands inside the value it names (a loop)"], (NEW_FACTS, "&facts")),
    ("yaml-bad-escape", put(NEW_FACTS), CHECK, 2,
     ["the escape \\q in a double-quoted string is not one YAML knows",
      "use single quotes"], (NEW_FACTS, "text:")),
    ("yaml-unquoted-star", put(NEW_FACTS), CHECK, 2,
     ["text cannot start with '*' unless quoted: YAML reads it as an alias",
      "put the text in quotes"], (NEW_FACTS, "text:")),
    ("yaml-unquoted-at", put(NEW_FACTS), CHECK, 2,
     ["text cannot start with '@' unless quoted", "put the text in quotes"],
     (NEW_FACTS, "text:")),
    ("yaml-unquoted-ampersand", put(NEW_FACTS), CHECK, 2,
     ["text cannot start with '&' unless quoted: YAML reads it as an anchor"],
     (NEW_FACTS, "text:")),

    # --- facts that break a rule: exit 1 ------------------------------------------------
    ("fact-id-trailing-newline", put(NEW_FACTS), CHECK, 1,
     ["'id' must be an id (lowercase letters, digits and hyphens)"], (NEW_FACTS, "id:")),
    ("fact-text-emoji", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad': its text holds 🔥 (U+1F525 FIRE), which no font of the PDF can show",
      "leave the character out"], (NEW_FACTS, 2)),
    ("fact-attribute-control-character", put(NEW_FACTS), CHECK, 1,
     ["'attributes: length_days' holds control character U+0007"],
     (NEW_FACTS, "length_days")),
    ("date-year-zero", put(NEW_FACTS), CHECK, 1,
     ["'0000-01-01' is out of range: years run from 1000 to 9998"], (NEW_FACTS, "date:")),
    ("date-year-9999", put(NEW_FACTS), CHECK, 1,
     ["'9999-12' is out of range"], (NEW_FACTS, "date:")),
    ("fact-cites-segmented-file", put(NEW_FACTS), CHECK, 1,
     ["fact 'zz-bad' cites 's002', a seed file split into segments",
      "segments of s002: s002-malaysiakini (lines 4-9)"], (NEW_FACTS, "quote:")),

    # --- files that are not what they seem: exit 2, never read --------------------------
    ("seed-symlink-outside", symlink_out(SEED), CHECK, 2,
     ["cannot read seed file '004_278e2939a0fd7852.txt': it leads outside seeds/ "
      "(through a symlink)"], ("seeds/sources.yaml", SEED_LINE)),
    ("seed-symlink-dev-zero", symlink_to(SEED, "/dev/zero"), CHECK, 2,
     ["cannot read seed file '004_278e2939a0fd7852.txt': it leads outside seeds/"],
     ("seeds/sources.yaml", SEED_LINE)),
    ("seed-fifo", fifo(SEED), CHECK, 2,
     ["cannot read seed file '004_278e2939a0fd7852.txt': it is a FIFO (named pipe), not a "
      "regular file"], ("seeds/sources.yaml", SEED_LINE)),
    ("seed-symlink-loop", symlink_to(SEED, "004_278e2939a0fd7852.txt"), CHECK, 2,
     ["cannot read seed file '004_278e2939a0fd7852.txt': it is a symlink that loops"],
     ("seeds/sources.yaml", SEED_LINE)),
    ("seed-symlink-dangling", symlink_to(SEED, "no-such-file.txt"), CHECK, 2,
     ["cannot read seed file '004_278e2939a0fd7852.txt': it is a symlink to nothing"],
     ("seeds/sources.yaml", SEED_LINE)),
    ("seed-utf16", with_new_sha(SEED, lambda b: b.decode("utf-8").encode("utf-16")), CHECK, 2,
     ["seed file '004_278e2939a0fd7852.txt' is not valid UTF-8", "it is UTF-16"],
     ("seeds/sources.yaml", SEED_LINE)),
    ("seed-with-bom", with_new_sha(SEED, lambda b: b"\xef\xbb\xbf" + b), CHECK, 0,
     ["errors:    0", "ok"], None),
    ("source-file-name-nul", edit("seeds/sources.yaml", "file: 004_278e2939a0fd7852.txt",
                                  'file: "004_278e2939a0fd7852.txt\\0"'), CHECK, 1,
     ["must be a plain file name in seeds/"], ("seeds/sources.yaml", "\\0")),
    ("facts-file-fifo", fifo(NEW_FACTS), CHECK, 2,
     ["cannot read file: it is a FIFO (named pipe), not a regular file"], (NEW_FACTS, None)),
    ("facts-file-symlink-outside", symlink_out(NEW_FACTS), CHECK, 2,
     ["cannot read file: it leads outside seeds/ (through a symlink)"], (NEW_FACTS, None)),
    ("facts-file-with-bom", put(NEW_FACTS), CHECK, 0, ["errors:    0", "ok"], None),
    ("vocab-symlink-outside", symlink_out("seeds/vocab/partners.yaml"), CHECK, 2,
     ["cannot read file: it leads outside seeds/"], ("seeds/vocab/partners.yaml", None)),
    ("sources-symlink-outside", symlink_out("seeds/sources.yaml"), CHECK, 2,
     ["cannot read file: it leads outside seeds/"], ("seeds/sources.yaml", None)),
    ("outline-symlink-outside", symlink_out(NEW_OUTLINE), BUILD, 2,
     ["cannot read file: it leads outside templates/"], (NEW_OUTLINE, None)),
    ("template-symlink-outside",
     then(overlay, symlink_out("templates/sections/zz-bad.md.j2")), BUILD, 2,
     ["cannot read template 'zz-bad.md.j2': it leads outside templates/sections/"],
     ("templates/sections/zz-bad.md.j2", None)),
    ("template-fifo", then(overlay, fifo("templates/sections/zz-bad.md.j2")), BUILD, 2,
     ["cannot read template 'zz-bad.md.j2': it is a FIFO"],
     ("templates/sections/zz-bad.md.j2", None)),
    ("outline-reference-docx-symlink",
     then(put(NEW_OUTLINE), symlink_out("templates/styles.docx")), DOCX_BUILD, 2,
     ["cannot read reference_docx 'styles.docx': it leads outside templates/"],
     (NEW_OUTLINE, None)),
    # The outline's own check finds no regular file there (and reads nothing).
    ("outline-reference-docx-fifo", then(put(NEW_OUTLINE), fifo("templates/styles.docx")),
     DOCX_BUILD, 1, ["reference_docx 'styles.docx' not found in templates/"],
     (NEW_OUTLINE, "reference_docx:")),
    ("outline-reference-docx-not-zip",
     then(put(NEW_OUTLINE), write_file("templates/styles.docx", b"not a zip at all\n")),
     DOCX_BUILD, 2, ["reference_docx 'styles.docx' is not a usable .docx: it is not a zip file"],
     (NEW_OUTLINE, None)),
    ("outline-reference-docx-zip-bomb",
     then(put(NEW_OUTLINE), write_file("templates/styles.docx", _zip_bomb())), DOCX_BUILD, 2,
     ["reference_docx 'styles.docx' is not a usable .docx: it unpacks to 83,886,088 bytes"],
     (NEW_OUTLINE, None)),

    # --- templates that fail while they run: exit 1, at their line ---------------------
    ("template-division-by-zero", overlay, BUILD, 1,
     ["template failed: ZeroDivisionError: integer division or modulo by zero"],
     ("templates/sections/zz-bad.md.j2", 2)),
    ("template-recursion", overlay, BUILD, 1,
     ["template calls itself too deeply (recursion)"], ("templates/sections/zz-bad.md.j2", 1)),
    ("template-huge-repeat", overlay, BUILD, 1,
     ["template is over its budget: '*' would make 1,000,000,000 items or characters"],
     ("templates/sections/zz-bad.md.j2", 2)),
    ("template-group-by-private", overlay, BUILD, 1,
     ["template failed: group_by cannot group by '_fact'"],
     ("templates/sections/zz-bad.md.j2", 2)),
    ("template-helper-unknown-entry", overlay, BUILD, 1,
     ["template failed: no vocabulary entry 'no-such-entry'"],
     ("templates/sections/zz-bad.md.j2", 2)),

    # --- outlines ------------------------------------------------------------------------
    ("outline-keywords-not-text", put(NEW_OUTLINE), BUILD, 1,
     ["'keywords' must be a list of texts, found a list"], (NEW_OUTLINE, "keywords:")),
    ("outline-heading-longer-than-a-page", put(NEW_OUTLINE), PDF_BUILD, 1,
     ["the PDF of outline 'zz-bad' cannot be laid out: a block fits no page",
      "shorten it"], (NEW_OUTLINE, None)),
    ("outline-stray-file-name", overlay, ("build", "--format", "md", "--out", "{out}"), 1,
     ["'Quick Brief (copy).yaml' is not an outline's file name", "rename the file"],
     ("templates/outlines/Quick Brief (copy).yaml", None)),

    # --- arguments that name nothing: exit 2 -----------------------------------------
    ("build-outline-name-too-long", nothing, ("build", NAME_TOO_LONG, "--out", "{out}"), 2,
     [f"'{NAME_TOO_LONG}' is not an outline name"], None),
    ("build-outline-name-newline", nothing, ("build", "quick-brief\n", "--out", "{out}"), 2,
     ["is not an outline name"], None),
    ("build-format-empty", nothing, ("build", "--format", "", "--out", "{out}"), 2,
     ["--format names no format", "formats: docx, pdf, md"], None),
    ("build-format-commas", nothing, ("build", "--format", ",,", "--out", "{out}"), 2,
     ["--format names no format"], None),
    ("build-out-empty", nothing, ("build", "--format", "md", "--out", ""), 2,
     ["--out names no folder"], None),
    ("root-empty", nothing, ("--root", "", "check"), 2, ["--root names no folder"], None),
]


@pytest.mark.parametrize("case,apply,command,status,fragments,where",
                         [pytest.param(*c, id=c[0]) for c in CASES])
def test_hostile_input(case, apply, command, status, fragments, where, tmp_path, good_out,
                       capsys):
    root = copy_project(tmp_path / "project")
    out = root / "out"
    shutil.copytree(good_out, out)
    before = snapshot(out)
    apply(root, case, tmp_path)
    outside = {p: p.read_bytes() for p in (tmp_path / "outside").glob("*")} if (
        tmp_path / "outside").is_dir() else {}
    capsys.readouterr()

    argv = [a.replace("{out}", str(out)).replace("{tmp}", str(tmp_path)) for a in command]
    if argv[0] != "--root":
        argv = ["--root", str(root), *argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    captured = capsys.readouterr()
    text = captured.out + captured.err

    assert "Traceback" not in text and "internal error" not in text, text
    assert code == status, text
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in:\n{text}"
    if where is not None:
        file, marker = where
        line = _line(root / file, marker) if marker is not None else None
        shown = f"{file}:{line}: " if line else f"{file}: "
        assert shown in captured.err, f"{shown!r} not in:\n{captured.err}"
    if status:
        assert snapshot(out) == before, "the output folder changed"
    assert SECRET not in text and str(tmp_path / "outside") not in text
    assert all(SECRET.encode() not in data for data in snapshot(out).values())
    assert outside == ({p: p.read_bytes() for p in (tmp_path / "outside").glob("*")}
                       if outside else {}), "a file outside the project changed"
