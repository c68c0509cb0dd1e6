"""Load and validate: `seeds/` (sources.yaml and the seed texts, vocab/, facts/) becomes a
`FactBase` (`load.load_factbase`), every citation located in its seed, with the errors
and warnings found. Nothing here knows outlines, templates or output formats.
"""
