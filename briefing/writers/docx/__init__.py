"""The DOCX writer: a Brief becomes a Word document (`document.write`) with real styles,
footnotes or endnotes, a contents field and core properties, built with python-docx.
"""
