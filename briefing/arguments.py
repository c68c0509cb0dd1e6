"""The command line's grammar: the commands, their options and their help texts.

`briefing.cli` parses with it and runs the command named (`args.command`); nothing here
prints or runs anything.
"""

from __future__ import annotations

import argparse

from briefing import __version__


def parser() -> argparse.ArgumentParser:
    """Return the parser of the command line: `command` names the command given."""
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Build sourced briefs (DOCX, PDF, Markdown, HTML) on ASEAN cooperation "
                    "against transnational crime from curated facts that cite the seed "
                    "texts.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--root", metavar="DIR",
                        help="project folder (default: the nearest folder up from here "
                             "holding seeds/sources.yaml)")
    parser.add_argument("--debug", action="store_true",
                        help="print the traceback of an error (for a bug report)")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True,
                                dest="command")

    check = sub.add_parser("check", help="validate sources, vocabularies, facts and citations",
                           description="Check every fact against the seed texts and print a "
                                       "summary. Exit 0 when valid, 1 when the data is "
                                       "invalid, 2 when input cannot be read.")
    check.add_argument("--strict", action="store_true",
                       help="fail (exit 1) on any warning too: a stale judgement, a "
                            "judgement sentence without a citation (for CI)")

    facts = sub.add_parser("facts", help="list facts, filtered",
                           description="List the facts, optionally filtered; as a table or JSON.")
    facts.add_argument("--kind", action="append", default=[], help="meeting, priority, "
                       "engagement, initiative, statement or context (repeatable)")
    facts.add_argument("--crime", action="append", default=[], metavar="ID",
                       help="crime type id; includes narrower types (repeatable)")
    facts.add_argument("--partner", action="append", default=[], metavar="ID",
                       help="partner id (repeatable)")
    facts.add_argument("--meeting", action="append", default=[], metavar="ID",
                       help="meeting id; includes sessions held under it (repeatable)")
    facts.add_argument("--source", action="append", default=[], metavar="ID",
                       help="source or segment id; s002 selects all its segments (repeatable)")
    facts.add_argument("--json", action="store_true", help="print JSON instead of a table")

    sources = sub.add_parser("sources", help="list sources with what the facts cite of each",
                             description="List each source with its fact and citation counts "
                                         "and the share of its sentences that some fact cites.")
    sources.add_argument("--json", action="store_true", help="print JSON instead of a table")

    build = sub.add_parser("build", help="build briefs as DOCX, PDF, Markdown and HTML",
                           description="Build the named outlines (default: every shipped "
                                       "outline) in their formats, printing one line per file "
                                       "written.")
    build.add_argument("outlines", nargs="*", metavar="OUTLINE",
                       help="outline names (see `briefing outlines`)")
    build.add_argument("--format", metavar="LIST",
                       help="comma-separated formats to build: docx, pdf, md, html (default: the "
                            "outline's formats)")
    build.add_argument("--out", metavar="DIR", help="output folder (default: out/)")
    build.add_argument("--force", action="store_true",
                       help="rebuild every output, even those that are up to date")
    build.add_argument("--md-flavour", choices=("pandoc", "gfm"),
                       help="the Markdown's flavour: pandoc's (the default) or GitHub's "
                            "(default: each outline's md_flavour)")
    build.add_argument("--docx-toc-pages", choices=("measure", "none"),
                       help="measure: number the Word contents with the pages LibreOffice "
                            "lays the headings out on; none: without (default: each "
                            "outline's docx_toc_pages)")

    sub.add_parser("outlines", help="list the outlines with their descriptions",
                   description="List the buildable outlines.")
    _curation_commands(sub)

    review = sub.add_parser(
        "review", help="review an assessment's judgements against the facts they rest on",
        description="Show, for each judgement (line to take, be-aware item, question) of "
                    "templates/assessments/ASSESSMENT.yaml whose facts changed since it was "
                    "last reviewed, each fact's old and new text; then, when you accept, "
                    "record the facts as reviewed (the 'reviewed:' pins), which clears the "
                    "judgement's 'under review' mark. Reread the judgement first: accepting "
                    "says it still holds.")
    review.add_argument("assessment", metavar="ASSESSMENT",
                        help="the assessment's file name without .yaml")
    review.add_argument("--accept", action="store_true",
                        help="record the new pins without asking")
    review.add_argument("--no-input", action="store_true",
                        help="never ask (for scripts and tests): without --accept, only show")
    return parser


def _curation_commands(sub) -> None:
    """Add the commands that bring a new source in: add-source, uncited, propose."""
    add = sub.add_parser(
        "add-source", help="copy a text into seeds/ and register it as a draft source",
        description="Copy FILE into seeds/ byte for byte (refusing binary or non-UTF-8 "
                    "files), record its sha256 and register it in seeds/sources.yaml with "
                    "status: draft. A file already in seeds/ is registered where it is.")
    add.add_argument("file", metavar="FILE", help="the article's text (UTF-8)")
    add.add_argument("--id", help="the source id (default: the next sNNN)")
    add.add_argument("--outlet", help="the outlet the text names")
    add.add_argument("--title", help="the headline the text gives")
    add.add_argument("--date", help="the publication date the text states: YYYY-MM-DD")
    add.add_argument("--url", help="the article's address")
    add.add_argument("--retrieved", metavar="DATE", help="the day the text was retrieved")

    uncited = sub.add_parser(
        "uncited", help="list the sentences of a source that no fact cites",
        description="List the sentences of SOURCE (a source or segment id; a seed entry "
                    "with segments lists them all) that no fact cites, with their lines; "
                    "passages declared as debris in sources.yaml are skipped.")
    uncited.add_argument("source", metavar="SOURCE")
    uncited.add_argument("--json", action="store_true", help="print JSON instead of text")

    propose = sub.add_parser(
        "propose", help="propose facts for the uncited sentences of a source",
        description="Print candidate facts for the uncited sentences of SOURCE as fact-file "
                    "YAML: each quoting its sentence exactly, with the vocabulary ids its "
                    "words name, its dates and a kind, guesses marked as such; then the "
                    "names no vocabulary knows. Nothing is written unless --append is given.")
    propose.add_argument("source", metavar="SOURCE")
    propose.add_argument("--append", metavar="FILE",
                         help="add the proposals to this fact file in seeds/facts/ (created "
                              "if need be); undone unless check passes on them")
