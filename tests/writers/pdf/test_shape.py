"""Shaping: HarfBuzz reads the same font file that ReportLab parsed and subsets."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from briefing.writers.pdf.scripts import FILES, SHAPED, script_font


@pytest.mark.parametrize("script", sorted(s for s in FILES if FILES[s][0] in SHAPED))
@pytest.mark.parametrize("bold", [False, True])
def test_harfbuzz_reads_the_bytes_reportlab_parsed(script, bold):
    face = pdfmetrics.getFont(script_font(script, bold)).face
    with open(face.filename, "rb") as f:
        assert f.read() == face._ttf_data
