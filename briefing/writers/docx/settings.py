"""The settings part: fields refreshed on open, the special notes declared, one header
for all pages; each element inserted in the schema's order.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from briefing.writers.docx.notes import note_pr_xml
from briefing.writers.docx.ooxml import NSDECLS, W_NS

# CT_Settings children in schema order (ECMA-376 Part 1, 17.15.1.78).
SETTINGS_ORDER = [
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
    "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
]
_SETTINGS_RANK = {name: i for i, name in enumerate(SETTINGS_ORDER)}


def settings_insert(settings, element) -> None:
    """Insert `element` into the `w:settings` element in schema order, replacing any
    element with the same tag."""
    tag = element.tag
    for old in settings.findall(tag):
        settings.remove(old)
    rank = _SETTINGS_RANK[tag.split("}")[1]]
    for i, child in enumerate(settings):
        name = child.tag.split("}")[1] if child.tag.startswith("{" + W_NS) else None
        if name is not None and _SETTINGS_RANK.get(name, -1) > rank:
            settings.insert(i, element)
            return
        if name is None and not child.tag.startswith("{" + W_NS):
            # Elements of other namespaces (m:mathPr, w14:...) keep their relative place;
            # m:mathPr sits after rsids, so anything ranked before rsids goes before it.
            if rank < _SETTINGS_RANK["mathPr"]:
                settings.insert(i, element)
                return
    settings.append(element)


def update_settings(doc) -> None:
    """Refresh fields on open; declare the special notes; one header for all pages."""
    settings = doc.settings.element
    for name in ("savePreviewPicture", "evenAndOddHeaders"):
        for old in settings.findall(qn(f"w:{name}")):
            settings.remove(old)
    settings_insert(settings, parse_xml(f'<w:updateFields {NSDECLS} w:val="true"/>'))
    settings_insert(settings, parse_xml(note_pr_xml("footnote")))
    settings_insert(settings, parse_xml(note_pr_xml("endnote")))
