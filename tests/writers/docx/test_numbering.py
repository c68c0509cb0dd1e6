"""List numbering (`numbering.py`): lists numbered by real numbering definitions."""

from __future__ import annotations

from tests.writers.docx.docx_read import NS, W, body, style_ids_by_name, xml


def test_lists_use_real_numbering(parts):
    numbering = xml(parts, "word/numbering.xml")
    abstract = {a.get(f"{W}abstractNumId"): a for a in numbering.findall("w:abstractNum", NS)}
    nums = {n.get(f"{W}numId"): n for n in numbering.findall("w:num", NS)}
    styles = style_ids_by_name(parts)

    def fmt_of(num_id):
        ab = abstract[nums[num_id].find("w:abstractNumId", NS).get(f"{W}val")]
        return ab.find("w:lvl[@w:ilvl='0']/w:numFmt", NS).get(f"{W}val")

    for name, expected in (("list bullet", "bullet"), ("key point", "bullet"),
                           ("list number", "decimal")):
        num_id = styles[name].find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val")
        assert fmt_of(num_id) == expected
    numbered = [p for p in body(parts).iter(f"{W}p")
                if p.find("w:pPr/w:pStyle", NS) is not None
                and p.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "ListNumber"]
    num_id = numbered[0].find("w:pPr/w:numPr/w:numId", NS).get(f"{W}val")
    assert fmt_of(num_id) == "decimal"
    override = nums[num_id].find("w:lvlOverride/w:startOverride", NS)
    assert override.get(f"{W}val") == "1"  # every numbered list restarts at 1
