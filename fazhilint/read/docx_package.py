"""The parts of a .docx that fazhilint reads, and only those.

python-docx parses every XML part of a package when it opens one (a Word 2010 file's
``stylesWithEffects.xml`` alone is some 400 KB) and wraps every element in its own classes;
checking reads only the main document and the parts of READ related to it, parsed as plain lxml
elements with python-docx's parser options when the file is opened (a malformed one is FZ001).
python-docx is still what opens a document to change it (``--annotate``, ``format``, revisions):
``Parts.of`` gives the same view of one of its Documents.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from functools import cached_property

from lxml import etree

from fazhilint.read.docx_numbering import W, style_numbering
from fazhilint.source import UnreadableInput

_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT = "/officeDocument"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
READ = ("/styles", "/numbering", "/comments", "/settings", "/theme", "/footer")  # relationship types, by ending
# Parts the same in every document made from one template, and large (python-docx's styles part is
# 350 KB, 100 table styles): parsed once per content for a batch, a few kept. Checking never changes a
# part; a document to be changed is opened by python-docx.
SHARED = ("/styles", "/theme")
SHARED_KEPT, SHARED_MAX = 4, 1024 * 1024  # parts, and bytes of one: memory stays bounded
_shared: dict[bytes, Part] = {}
# python-docx's parser options: blank text between elements dropped, entities never expanded
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def refused(why: str) -> UnreadableInput:
    return UnreadableInput(f"无法打开此 Word 文档（{why}）；请用 Word/WPS 打开并另存为 .docx 后再检查")


class Part:
    """A parsed part, and what has been worked out from it (``Parts.derived``)."""

    def __init__(self, element):
        self.element = element
        self.derived: dict = {}


class Parts:
    """The main document of a Word package and the parts it relates to, by relationship."""

    def __init__(self, body, rels: dict[str, tuple[str, Part]], data: bytes | None = None):
        self.body = body  # the w:body element
        self._rels = rels  # rId -> (relationship type, the part)
        self.data = data  # the file's bytes, for python-docx when the document is to be changed

    @classmethod
    def of(cls, document) -> Parts:
        """The parts of a python-docx Document (already parsed: python-docx parses every part)."""
        rels = {}
        for rid, rel in document.part.rels.items():
            if not rel.is_external and rel.reltype.endswith(READ):
                part = rel.target_part
                rels[rid] = (rel.reltype, Part(part.element if hasattr(part, "element") else parse(part.blob)))
        return cls(document.element.body, rels)

    @cached_property
    def numbering(self):
        """Word's automatic numbering of the document (docx_numbering.Numbering), read once."""
        from fazhilint.read.docx_numbering import Numbering

        return Numbering(self.element("/numbering"), self.element("/styles"), self.derived("/styles", style_numbering))

    def _part(self, suffix: str) -> Part | None:
        return next((part for reltype, part in self._rels.values() if reltype.endswith(suffix)), None)

    def element(self, suffix: str):
        """The root element of the first part related by a relationship type ending in suffix ("/styles"), or None."""
        part = self._part(suffix)
        return part.element if part is not None else None

    def derived(self, suffix: str, compute):
        """compute(the element of element(suffix)), worked out once for every document that shares the part
        (SHARED): it must depend on nothing else, and what it returns must not be changed."""
        part = self._part(suffix)
        if part is None:
            return compute(None)
        if compute not in part.derived:
            part.derived[compute] = compute(part.element)
        return part.derived[compute]

    def related(self, rid: str):
        """The root element of the part a relationship id names; KeyError if none."""
        return self._rels[rid][1].element


def parse(blob: bytes):
    return etree.fromstring(blob, _PARSER)


def open_package(data: bytes) -> Parts:
    """The main document of a checked .docx and the parts of READ related to it. Refused as python-docx
    refuses: no officeDocument, a main part that is not a Word document's, a part missing or malformed."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return _open(z, data)


def _open(z: zipfile.ZipFile, data: bytes) -> Parts:
    names = set(z.namelist())

    def read(name: str, shared: bool = False):
        if name not in names:
            raise refused(f"文档不完整，压缩包里缺少 {name}")
        try:
            blob = z.read(name)
            return _parse_shared(blob) if shared and len(blob) <= SHARED_MAX else Part(parse(blob))
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError) as e:
            raise refused(f"{name}: {type(e).__name__}: {e}") from None

    def rels_of(name: str) -> list[tuple[str, str, str]]:
        """(id, type, part name) of the internal relationships of a part."""
        folder, base = posixpath.split(name)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in names:
            return []
        out = []
        for rel in read(rels_name).element.iter(_RELS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target") or ""
            part = posixpath.normpath(posixpath.join("/" + folder, target))  # an absolute target ignores the folder
            out.append((rel.get("Id"), rel.get("Type") or "", part.lstrip("/")))
        return out

    main = next((part for _, reltype, part in rels_of("") if reltype.endswith(_OFFICE_DOCUMENT)), None)
    if main is None:
        raise refused("文档不完整，找不到正文部件 officeDocument")
    content_type = _content_type(read("[Content_Types].xml").element, main)
    if content_type != MAIN_TYPE:
        raise refused(f"正文部件的类型是 {content_type or '未知'}，不是 Word 文档的正文，可能是模板或启用宏的文档")
    body = read(main).element.find(W + "body")
    if body is None:
        raise refused(f"{main} 中没有正文 w:body")
    rels = {rid: (reltype, read(part, reltype.endswith(SHARED))) for rid, reltype, part in rels_of(main)
            if reltype.endswith(READ)}
    return Parts(body, rels, data)


def _parse_shared(blob: bytes) -> Part:
    part = _shared.pop(blob, None)
    if part is None:
        part = Part(parse(blob))
        while len(_shared) >= SHARED_KEPT:
            del _shared[next(iter(_shared))]  # the least recently used
    _shared[blob] = part
    return part


def _content_type(types, part: str) -> str | None:
    """A part's content type from [Content_Types].xml: its Override, else the Default of its extension."""
    name = "/" + part.lower()
    for override in types.iter(_TYPES + "Override"):
        if (override.get("PartName") or "").lower() == name:
            return override.get("ContentType")
    ext = posixpath.splitext(name)[1][1:]
    for default in types.iter(_TYPES + "Default"):
        if (default.get("Extension") or "").lower() == ext:
            return default.get("ContentType")
    return None
