"""The DOCX writer: a Brief becomes a Word document (`document.write`) with real styles,
footnotes or endnotes, a contents field and core properties, built with python-docx.

`document` runs the stages: `page` (size, margins, header and footer), `package` (stale
parts, the body put in place, the zip), `numbering`, `styles`, `body` (with `figure`),
`notes`, `settings` and `properties`; `ooxml` holds the small text helpers they share, and
`docx_internals` every use of python-docx's private names.
"""
