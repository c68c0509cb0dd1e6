"""Seed texts and their metadata (`seeds/sources.yaml`).

A seed file may hold several articles; each is a segment with its own id and line range.
Every citable unit (a whole file, or one segment of it) is a `Source`. Quotes are
located in them by `quotes`.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from briefing.errors import Problem, UnusableInput, display_path, shown_value
from briefing.factbase.dates import PartialDate, parse_date
from briefing.factbase.schema import Field, check_record, items_with_lines, line_of
from briefing.factbase.textnorm import normalise_with_map
from briefing.factbase.yamlfile import load_yaml
from briefing.inputs import decode_text, read_bytes

STATUSES = ("draft", "final")
_META = {
    "outlet": Field(str, nullable=True, doc="the outlet the text names, or null"),
    "outlet_note": Field(str),
    "title": Field(str, nullable=True, doc="the headline the text gives, or null"),
    "label": Field(str, doc="a curator's description shown when there is no title"),
    "date": Field("scalar", nullable=True, doc="YYYY-MM-DD where the text states it, else null"),
    "date_note": Field(str),
    "byline": Field(str),
    "provided_by": Field(str, doc="who supplied the content, where the text says so itself "
                                  "(shown with the outlet wherever the outlet is named)"),
    "provided_by_quote": Field(str, doc="the text's own words saying who supplied it"),
    "url": Field(str, doc="the article's address (http or https)"),
    "retrieved": Field("scalar", doc="the day the text was retrieved: YYYY-MM-DD"),
    "status": Field(str, choices=STATUSES,
                    doc="draft: being curated (never cited is then a warning); final"),
    "debris": Field(list, doc="passages of web debris in the text (menus, captions, "
                              "'Click Here For The Original Source'): never cited"),
}
SOURCE_FIELDS = {
    "id": Field("id", required=True),
    "file": Field(str, required=True, doc="a file name in seeds/"),
    "sha256": Field(str, required=True, doc="sha256sum of the file"),
    **_META,
    "segments": Field(list),
}
SEGMENT_FIELDS = {
    "id": Field("id", required=True),
    "lines": Field(list, required=True, doc="inclusive 1-based line range: [first, last]"),
    **_META,
}


@dataclass
class SeedFile:
    """One seed text, read and indexed for quote search."""

    name: str
    path: Path
    text: str
    sha256: str
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.line_starts = [0]
        at = self.text.find("\n")
        while at != -1:
            self.line_starts.append(at + 1)
            at = self.text.find("\n", at + 1)

    @cached_property
    def _normalised(self) -> tuple[str, Sequence[int]]:
        # Only quote search needs it, and citations kept located need no search.
        return normalise_with_map(self.text)

    @property
    def norm(self) -> str:
        """Return the text under the documented normalisation (see `textnorm`)."""
        return self._normalised[0]

    @property
    def origin(self) -> Sequence[int]:
        """Return, for each offset in `norm`, the offset in `text` it comes from."""
        return self._normalised[1]

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset in the original text."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, line: int) -> str:
        """Return line `line` (1-based) without its end-of-line."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        """Return the number of lines: a final line without newline counts, the empty
        text after a final newline does not."""
        if len(self.line_starts) > 1 and self.line_starts[-1] == len(self.text):
            return len(self.line_starts) - 1
        return len(self.line_starts)


@dataclass
class Source:
    """A citable unit: a whole seed file, or one segment (article) of it."""

    id: str
    seed: SeedFile
    first_line: int
    last_line: int
    outlet: str | None = None
    outlet_note: str | None = None
    title: str | None = None
    label: str | None = None
    date: PartialDate | None = None
    date_note: str | None = None
    byline: str | None = None
    provided_by: str | None = None  # who supplied the content, as the text itself says
    provided_by_quote: str | None = None
    url: str | None = None
    retrieved: PartialDate | None = None
    status: str = "final"
    debris: tuple[str, ...] = ()  # this source's own and its file entry's
    declared_in: str = ""
    declared_line: int = 0
    part_of: str | None = None  # for a segment, the id of its file's entry

    @property
    def file(self) -> str:
        """Return the seed file name."""
        return self.seed.name

    @property
    def span(self) -> tuple[int, int]:
        """Return the [start, end) character offsets of this source in its seed text."""
        start = self.seed.line_starts[self.first_line - 1]
        last = self.last_line
        end = self.seed.line_starts[last] if last < self.seed.line_count else len(self.seed.text)
        return start, end

    @cached_property
    def norm_span(self) -> tuple[int, int]:
        """Return the [start, end) offsets of this source in the normalised seed text."""
        start, end = self.span
        return (bisect.bisect_left(self.seed.origin, start, 0, len(self.seed.origin) - 1),
                bisect.bisect_left(self.seed.origin, end, 0, len(self.seed.origin) - 1))

    @cached_property
    def debris_spans(self) -> list[tuple[int, int]]:
        """Return the [start, end) offsets in the seed text of every occurrence, within
        this source, of each declared passage of debris (matched as quotes are)."""
        from briefing.factbase.textnorm import normalise

        seed = self.seed
        lo, hi = self.norm_span
        spans = []
        for passage in self.debris:
            needle = normalise(passage)
            at = seed.norm.find(needle, lo, hi) if needle else -1
            while at != -1:
                spans.append((seed.origin[at], seed.origin[at + len(needle) - 1] + 1))
                at = seed.norm.find(needle, at + 1, hi)
        return sorted(spans)

    @property
    def heading(self) -> str:
        """Return the outlet and title (or bracketed label) as a note shows them."""
        title = f"“{self.title}”" if self.title else f"[{self.label or 'untitled'}]"
        return f"{self.outlet_shown}, {title}"

    @property
    def outlet_shown(self) -> str:
        """Return the outlet as boxes, tables and lists name it: with who supplied the
        content where the text says so ("Malaysiakini (content provided by …)")."""
        outlet = self.outlet or "Outlet not stated"
        return f"{outlet} (content provided by {self.provided_by})" if self.provided_by \
            else outlet


def load_sources(seeds_dir: Path, root: Path) -> tuple[list[Source], list[Problem], set[str]]:
    """Read `sources.yaml` and every seed file it names; return sources, problems, and the
    ids of entries rejected for an error already reported (so that citations of them are
    not reported again as citing an unknown source).

    A seed that is missing or not UTF-8 cannot be read at all and raises UnusableInput.
    """
    path = seeds_dir / "sources.yaml"
    shown = display_path(path, root)
    data = load_yaml(path, root)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise UnusableInput(Problem("expected a mapping with a 'sources:' list", shown,
                                    line_of(data)))
    sources: list[Source] = []
    rejected: set[str] = set()
    for record, line in items_with_lines(data["sources"]):
        found = check_record(record, SOURCE_FIELDS, "source", shown, line)
        problems += found
        if any(p.severity == "error" for p in found):
            rejected |= _ids_of(record)
            continue
        problems += _check_provenance(record, shown)
        seed = _read_seed(seeds_dir, record, shown, line_of(record, "file"), root, problems)
        if seed is None:
            rejected |= _ids_of(record)
            continue
        if record.get("segments"):
            for seg, seg_line in items_with_lines(record["segments"]):
                found = check_record(seg, SEGMENT_FIELDS, f"segment of {record['id']}",
                                     shown, seg_line)
                problems += found
                src = None
                if not any(p.severity == "error" for p in found):
                    problems += _check_provenance(seg, shown)
                    src = _source(seg, seed, shown, problems, parent=record)
                if src:
                    sources.append(src)
                else:
                    rejected |= _ids_of(seg)
        else:
            src = _source(record, seed, shown, problems)
            if src:
                sources.append(src)
            else:
                rejected |= _ids_of(record)
    seen: dict[str, Source] = {}
    for src in sources:
        if src.id in seen:
            problems.append(Problem(f"source id '{src.id}' is used twice (first on line "
                                    f"{seen[src.id].declared_line})", shown, src.declared_line,
                                    hint="give each source and segment its own id"))
        seen.setdefault(src.id, src)
    problems += _unregistered(seeds_dir, data["sources"], root)
    return list(seen.values()), problems, rejected - set(seen)


def _unregistered(seeds_dir: Path, records, root: Path) -> list[Problem]:
    """Return a warning for each text file in seeds/ that no source registers: its words
    can be cited only once sources.yaml names it."""
    named = {r.get("file") for r in records if isinstance(r, dict)}
    return [Problem(f"seed file '{path.name}' is not registered in sources.yaml, so nothing "
                    "can cite it", display_path(path, root),
                    hint=f"register it with `briefing add-source {display_path(path, root)}`, "
                         "or move it out of seeds/", severity="warning")
            for path in sorted(seeds_dir.glob("*.txt")) if path.name not in named]


def _ids_of(record) -> set[str]:
    """Return the id of a sources.yaml entry and of its segments, as far as they are ids."""
    if not isinstance(record, dict):
        return set()
    ids = {record["id"]} if isinstance(record.get("id"), str) else set()
    segments = record.get("segments")
    for seg in segments if isinstance(segments, list) else ():
        ids |= _ids_of(seg)
    return ids


def _read_seed(seeds_dir: Path, record, shown: str, line, root: Path,
               problems: list[Problem]) -> SeedFile | None:
    name = record["file"]
    if (Path(name).name != name or name in ("", ".", "..") or "\0" in name
            or len(name.encode("utf-8", "surrogatepass")) > 255):
        problems.append(Problem(f"seed file {shown_value(name)} must be a plain file name in "
                                "seeds/", shown, line,
                                hint="do not use folders, '..' or absolute paths"))
        return None
    path = seeds_dir / name
    what = f"seed file '{name}'"
    raw = read_bytes(path, root, "seed", inside=seeds_dir, what=what, file=shown, line=line,
                     hint=f"put the file in {display_path(seeds_dir, root)}/ or correct "
                          "'file'")
    text = decode_text(raw, shown, what, line=line, file=shown)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != str(record["sha256"]).lower():
        problems.append(Problem(
            f"seed file '{name}' has changed since its sha256 was recorded", shown,
            record.line_of("sha256"),
            detail=f"recorded {record['sha256']}\nactual   {digest}",
            hint="re-check every quote from this file, then record the new sha256"))
    return SeedFile(name, path, text, digest)


def _source(record, seed: SeedFile, shown: str, problems: list[Problem],
            parent=None) -> Source | None:
    """Return the source `record` declares (a segment inherits its file entry's url,
    retrieved, status and debris, and knows its id as `part_of`), or None when its lines
    are wrong."""
    line = line_of(record) or 0
    own = {key: record.get(key) for key in ("url", "retrieved", "status")}
    if parent is not None:
        for key, value in own.items():
            if value is None and parent.get(key) is not None:
                own[key] = parent[key]
    first, last = 1, seed.line_count
    if "lines" in record:
        span = record["lines"]
        if (len(span) != 2 or not all(isinstance(n, int) and not isinstance(n, bool) for n in span)
                or not 1 <= span[0] <= span[1] <= seed.line_count):
            problems.append(Problem(
                f"segment '{record['id']}': 'lines' must be [first, last] within 1-"
                f"{seed.line_count}, found {shown_value(span)}", shown, record.line_of("lines")))
            return None
        first, last = span
    date = None
    if record.get("date") is not None:
        try:
            date = parse_date(record["date"])
        except ValueError as exc:
            problems.append(Problem(f"source '{record['id']}': {exc}", shown,
                                    record.line_of("date")))
    elif not record.get("date_note"):
        problems.append(Problem(f"source '{record['id']}' has no date and no 'date_note'",
                                shown, line, hint="say why the date is not given"))
    if not record.get("title") and not record.get("label"):
        problems.append(Problem(f"source '{record['id']}' has neither 'title' nor 'label'",
                                shown, line, hint="add the headline, or a 'label' describing it"))
    retrieved = None
    if own["retrieved"] is not None:
        try:
            retrieved = parse_date(own["retrieved"])
        except ValueError:
            retrieved = None  # reported by _check_provenance
    debris = tuple((parent or {}).get("debris") or ()) + tuple(record.get("debris") or ())
    return Source(
        id=record["id"], seed=seed, first_line=first, last_line=last,
        outlet=record.get("outlet"), outlet_note=record.get("outlet_note"),
        title=record.get("title"), label=record.get("label"), date=date,
        date_note=record.get("date_note"), byline=record.get("byline"),
        provided_by=record.get("provided_by"), provided_by_quote=record.get("provided_by_quote"),
        url=own["url"], retrieved=retrieved, status=own["status"] or "final",
        debris=tuple(d for d in debris if isinstance(d, str) and len("".join(d.split())) >= 3),
        declared_in=shown, declared_line=line,
        part_of=parent["id"] if parent is not None else None)


def _check_provenance(record, shown: str) -> list[Problem]:
    """Return the problems of an entry's url, retrieved and debris fields, where they are
    written (a segment inherits its file entry's)."""
    problems = []
    url = record.get("url")
    if url is not None and not (url.startswith(("https://", "http://")) and
                                not any(c.isspace() for c in url) and len(url) > 8):
        problems.append(Problem(f"source '{record['id']}': url '{url}' is not a web address",
                                shown, line_of(record, "url"),
                                hint="write the article's address, starting https://"))
    if record.get("retrieved") is not None:
        try:
            parse_date(record["retrieved"])
        except ValueError as exc:
            problems.append(Problem(f"source '{record['id']}': retrieved: {exc}", shown,
                                    line_of(record, "retrieved")))
    for item in record.get("debris") or ():
        if not isinstance(item, str) or len("".join(item.split())) < 3:
            problems.append(Problem(f"source '{record['id']}': each 'debris' entry must be "
                                    f"the text of a passage (3 characters or more), found "
                                    f"{item!r}", shown, line_of(record, "debris")))
    return problems
