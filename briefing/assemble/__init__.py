"""Assemble: an outline and the `FactBase` become a `model.Brief` (selection, section
templates, markup, notes, figures), the format-neutral document every writer walks.

Nothing here imports a rendering library.
"""
