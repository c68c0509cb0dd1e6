"""The floors: the least work python-docx and ReportLab do for the same paragraphs.

    python benchmarks/floors.py docx TEXTS OUT.docx
    python benchmarks/floors.py pdf TEXTS OUT.pdf

TEXTS is a UTF-8 file with one fact text per line (benchmarks/run.py writes it from the
corpus's facts). `docx`: Document(), one add_paragraph per text, save. `pdf`: one
single-pass SimpleDocTemplate.build of one Paragraph per text, in the brief's own body
font (the bundled NotoSans-Regular) and size (10.5 pt on 14 pt leading), A4.
"""

import sys
from pathlib import Path

FONT = Path(__file__).resolve().parent.parent / "briefing" / "fonts" / "NotoSans-Regular.ttf"


def floor_docx(texts, out):
    from docx import Document
    doc = Document()
    for text in texts:
        doc.add_paragraph(text)
    doc.save(out)


def floor_pdf(texts, out):
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    pdfmetrics.registerFont(TTFont("NotoSans", str(FONT)))
    style = ParagraphStyle("body", fontName="NotoSans", fontSize=10.5, leading=14,
                           spaceAfter=4)
    story = [Paragraph(escape(text), style) for text in texts]
    SimpleDocTemplate(out, pagesize=A4).build(story)


if __name__ == "__main__":
    what, texts_file, out = sys.argv[1:4]
    texts = Path(texts_file).read_text(encoding="utf-8").splitlines()
    {"docx": floor_docx, "pdf": floor_pdf}[what](texts, out)
