"""List numbering: the abstract definitions and instances of the numbering part, and
which numbering each list style really uses.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.parts.numbering import NumberingPart

from briefing.writers.docx.ooxml import FONT, NSDECLS

LIST_STYLES = {"bullet": "ListBullet", "numbered": "ListNumber", "key-points": "KeyPoint"}

BULLET_INDENT = 357  # 0.63 cm

NUMBER_FORMATS = {
    # kind: (numFmt, lvlText pattern, indent)
    "bullet": ("bullet", "\u2022", BULLET_INDENT),
    "key-points": ("bullet", "\u2022", 425),
    "numbered": ("decimal", "%{n}.", 425),
}


def abstract_num_xml(abstract_id: int, kind: str) -> str:
    """Return a nine-level `<w:abstractNum>` for list `kind`."""
    fmt, text, indent = NUMBER_FORMATS[kind]
    levels = []
    for ilvl in range(9):
        lvl_text = text.replace("{n}", str(ilvl + 1))
        if fmt == "bullet":
            lvl_text = "\u2022" if ilvl % 2 == 0 else "\u2013"
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent * (ilvl + 1)}" w:hanging="{indent}"/></w:pPr>'
            + (f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
               'w:hint="default"/></w:rPr>' if fmt == "bullet" else "")
            + "</w:lvl>")
    return (f'<w:abstractNum {NSDECLS} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{"".join(levels)}</w:abstractNum>')


def num_xml(num_id: int, abstract_id: int, restart: bool = False) -> str:
    """Return a `<w:num>` instance of `abstract_id`, restarting at 1 if `restart`."""
    override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                if restart else "")
    return (f'<w:num {NSDECLS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'{override}</w:num>')


NUMBERING_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:numbering {NSDECLS}/>').encode()


class Numbering:
    """The numbering part: one abstract definition per list kind, a shared instance for
    bullets and key points, and a fresh instance (restarting at 1) per numbered list."""

    def __init__(self, part) -> None:
        try:
            self.part = part.part_related_by(RT.NUMBERING)
        except KeyError:
            self.part = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING,
                                      parse_xml(NUMBERING_XML), part.package)
            part.relate_to(self.part, RT.NUMBERING)
        self.root = self.part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId")))
                        for a in self.root.iterchildren(qn("w:abstractNum"))]
        self._nums = {n.get(qn("w:numId")): n for n in self.root.iterchildren(qn("w:num"))}
        self._next_num = max([int(k) for k in self._nums] + [0]) + 1
        next_abstract = max(abstract_ids + [-1]) + 1
        self.abstract: dict[str, int] = {}
        self.base_num: dict[str, int] = {}
        for kind in ("bullet", "numbered", "key-points"):
            self.abstract[kind] = next_abstract
            self._add_abstract(abstract_num_xml(next_abstract, kind))
            next_abstract += 1
            self.base_num[kind] = self.add_num(self.abstract[kind])
        self.explicit: dict[str, bool] = {}

    def num_pr(self, num_id: int) -> str:
        """Return the `w:numPr` of a paragraph numbered by instance `num_id`."""
        return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'

    def _add_abstract(self, xml: str) -> None:
        element = parse_xml(xml)
        existing = list(self.root.iterchildren(qn("w:abstractNum")))
        if existing:
            existing[-1].addnext(element)
        else:
            self.root.insert(0, element)

    def add_num(self, abstract_id: int, restart: bool = False) -> int:
        """Add an instance of definition `abstract_id` (restarting at 1 if `restart`) and
        return its id."""
        num_id = self._next_num
        self._next_num += 1
        element = parse_xml(num_xml(num_id, abstract_id, restart))
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(element)
        else:
            self.root.append(element)
        self._nums[str(num_id)] = element
        return num_id

    def bind(self, style_elements: dict[str, object]) -> None:
        """Follow each list style to the numbering it really uses (a reference .docx's
        own list style may number differently); lists whose style has no numbering get
        an explicit `w:numPr` on every item."""
        for kind, key in LIST_STYLES.items():
            style = style_elements.get(key)
            num_id = None
            if style is not None:
                found = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
                num_id = found.get(qn("w:val")) if found is not None else None
            num = self._nums.get(num_id) if num_id else None
            abstract = num.find(qn("w:abstractNumId")) if num is not None else None
            if abstract is not None and num_id != "0":
                self.abstract[kind] = int(abstract.get(qn("w:val")))
                self.explicit[kind] = False
            else:
                self.explicit[kind] = True
