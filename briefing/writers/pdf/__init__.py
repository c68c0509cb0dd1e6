"""The PDF writer: a Brief becomes a PDF (`document.write`) laid out with ReportLab:
embedded fonts, notes at the foot of the page, bookmarks, links and a contents.
"""
