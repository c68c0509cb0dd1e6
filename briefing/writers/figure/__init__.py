"""Figures, laid out once (`layout`) and drawn twice: as vectors for the PDF (`vector`),
as a PNG for the DOCX and the Markdown (`raster`).
"""
