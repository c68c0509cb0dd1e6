"""The DOCX writer as a whole: its registration, reproducible bytes, and other readers
(pandoc, LibreOffice) reading what it writes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from sample_brief import HOSTILE, sample_brief

from briefing.writers import writer
from briefing.writers.docx.document import write


def test_registered_as_the_docx_format():
    assert writer("docx") is write


def test_same_brief_same_bytes(data):
    again = write(sample_brief())
    assert again == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert not any("thumbnail" in i.filename for i in infos)


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc not installed")
def test_pandoc_reads_footnotes(tmp_path, data):
    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    md = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", "--wrap=none", str(path)],
                        capture_output=True, text=True, check=True).stdout
    assert "[^1]" in md and "[^70]:" in md
    assert md.count("[^") == 2 * 70
    assert "Lương Tam Quang" in md
    plain = subprocess.run(["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
                           capture_output=True, text=True, check=True).stdout
    assert HOSTILE in plain
    for note in sample_brief().notes[:3]:
        assert re.sub(r"\s+", " ", note.text) in re.sub(r"\s+", " ", plain)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_converts_to_pdf(tmp_path, data):
    path = tmp_path / "brief.docx"
    path.write_bytes(data)
    proc = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(path)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "brief.pdf"
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Lương Tam Quang" in text
        assert "Page 2 of" in text
        assert text.count("What the sources say") >= 2  # the header row repeats
