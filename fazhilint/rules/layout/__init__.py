"""FZ7xx: the layout of a Word document against GB/T 9704—2012 and the layout profile.

The profile is the ``layout`` table of the rule packs (rules/layout.toml; a county's
pack replaces entries by id). These rules run on .docx input only: a text file has
no layout, so on it they say nothing. The document's formatting is resolved
(fazhilint.read.docx_format) the first time one of them runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

from fazhilint import roles
from fazhilint.rule import Rule

TABLE = "layout"
STANDARD = "GB/T 9704—2012"
ROLES = tuple(r for r in roles.ROLES if r not in ("table-cell", "furniture"))  # the roles a layout entry names
KINDS = ("font", "element", "page", "grid", "page-number", "color")
SIZE_NAMES = {42: "初号", 36: "小初", 26: "一号", 24: "小一", 22: "二号", 18: "小二", 16: "三号", 15: "小三",
              14: "四号", 12: "小四", 10.5: "五号", 9: "小五", 7.5: "六号"}
_SIZE_BY_NAME = {v: k for k, v in SIZE_NAMES.items()}
LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
ROLE_NAMES = {"title": "标题", "addressee": "主送机关", "body": "正文", "attachment-note": "附件说明",
              "closing": "落款", "heading": "标题"}
HEADING_MAX = 40  # characters: a heading's own words are fewer (a longer run is body text run into it)
NOTE_START = re.compile(r"^[ \u3000\u00a0\t]*附\s*件")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]")


def size_name(pt: float | None) -> str:
    if pt is None:
        return "未设字号"
    name = SIZE_NAMES.get(pt if pt != int(pt) else int(pt))
    shown = f"{pt:g}磅"
    return f"{name}（{shown}）" if name else shown


def _norm(font: str | None) -> str:
    return re.sub(r"\s+", "", font or "").lower()


# ---- the profile ---------------------------------------------------------------------------------

@dataclass
class Profile:
    """The layout profile: the ``layout`` entries by kind."""

    entries: tuple

    @cached_property
    def _fonts(self) -> dict[str, set[str]]:
        out = {}
        for e in self.entries:
            if e.get("kind") == "font":
                out[e["name"]] = {_norm(a) for a in e.get("aliases", [])} | {_norm(e["name"])}
        return out

    def font_ok(self, wanted: str, actual: str | None) -> bool:
        return _norm(actual) in self._fonts.get(wanted, {_norm(wanted)})

    def first_font(self, wanted: str) -> str:
        """The font name ``format`` writes for a font of the profile (its first alias)."""
        entry = next((e for e in self.entries if e.get("kind") == "font" and e["name"] == wanted), None)
        return (entry.get("aliases") or [wanted])[0] if entry else wanted

    def one(self, kind: str):
        """The entry of a kind that has one (page, grid, page-number, color), or None if it does not apply."""
        entry = next((e for e in self.entries if e.get("kind") == kind), None)
        return entry if entry is not None and entry.get("apply", True) else None

    def element(self, role: str, level: int = 0):
        """The element entry for a paragraph role (and heading level), or None."""
        for e in self.entries:
            if e.get("kind") == "element" and e.get("apply", True) and role in e.get("roles", ()):
                if role != "heading" or e.get("level") == level:
                    return e
        return None


def profile(entries) -> Profile:
    return Profile(tuple(entries))


def check_entry(item: dict) -> str | None:
    """What is wrong with one ``layout`` entry (in Chinese), or None; used when a pack loads."""
    kind = item.get("kind")
    if kind not in KINDS:
        return f"kind 应为 {'、'.join(KINDS)} 之一"
    need = {"font": ("name", "aliases"), "element": ("roles",), "page": ("paper", "top", "left", "text"),
            "grid": ("lines", "chars"), "page-number": ("format", "font", "size"), "color": ("colors",)}[kind]
    for key in need:
        if key not in item:
            return f"缺少 {key}（{kind} 条目需要此项）"
    if kind == "element":
        bad = [r for r in item["roles"] if r not in ROLES]
        if bad:
            return f"roles 中的“{'、'.join(bad)}”不是段落角色（可用：{'、'.join(ROLES)}）"
        if "heading" in item["roles"] and not isinstance(item.get("level"), int):
            return "heading 要素须写 level（1—4）"
    if kind == "page-number" and "{PAGE}" not in item["format"]:
        return "format 须包含 {PAGE}（页码域的位置）"
    for key in ("bad", "good"):
        value = item.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            return f"缺少 {key}（至少一个{'反例' if key == 'bad' else '正例'}，字符串列表）"
    return None


def example_problems(prof: Profile, entry, example: str) -> list[str]:
    """The problems the entry finds in one of its own examples (the pack tests run these)."""
    kind = entry["kind"]
    words = example.split()
    if kind == "font":
        return [] if prof.font_ok(entry["name"], example) else [f"{example} 不是{entry['name']}"]
    if kind == "element":
        font, size = words[0], _parse_size(words[1])
        indent = next((float(w[2:-1]) for w in words if w.startswith("缩进")), None)
        align = "center" if "居中" in words else "left"
        return element_problems(prof, entry, font, size, align if entry.get("align") else None, indent)
    if kind == "page":
        width, height = map(float, words[0].split("×"))
        margins = {w[0]: float(w[1:]) for w in words[1:]}
        return page_problems(entry, width, height, margins["上"], margins["下"], margins["左"], margins["右"])
    if kind == "grid":
        m = re.match(r"固定行距([\d.]+)磅", example)
        if m:
            pitch = float(m.group(1))
            return grid_problems(entry, spacing_lines(pitch, text_area(prof)[1]), entry["chars"], pitch)
        lines, chars = map(int, re.findall(r"\d+", example))
        return grid_problems(entry, lines, chars, None)
    if kind == "page-number":
        text, font, size = example.rsplit(" ", 2)
        return page_number_problems(prof, entry, text, font, _parse_size(size))
    return [] if example.upper() in [c.upper() for c in entry["colors"]] else [f"颜色 {example}"]


def _parse_size(word: str) -> float:
    return _SIZE_BY_NAME[word] if word in _SIZE_BY_NAME else float(word.rstrip("磅"))


# ---- judgments shared by the rules and by the examples -------------------------------------------------

def font_problem(prof: Profile, entry, font: str | None, size: float | None) -> tuple[str, str] | None:
    """(actual, expected) in words when font or size differ from the entry's, else None."""
    font_bad = not prof.font_ok(entry["font"], font)
    size_bad = size is None or abs(size - entry["size"]) > 0.25
    if not font_bad and not size_bad:
        return None
    actual = "、".join(([font or "未设字体"] if font_bad else []) + ([size_name(size)] if size_bad else []))
    expected = "、".join(([entry["font"]] if font_bad else []) + ([size_name(entry["size"])] if size_bad else []))
    return actual, expected


def element_problems(prof, entry, font, size, align, indent) -> list[str]:
    out = []
    found = font_problem(prof, entry, font, size)
    if found:
        out.append(f"为{found[0]}，应为{found[1]}")
    if entry.get("align") == "center" and align is not None and align != "center":
        out.append("未居中")
    if entry.get("indent") is not None and indent is not None and abs(indent - entry["indent"]) > 0.25:
        out.append(f"首行缩进{indent:g}字，应为{entry['indent']}字")
    return out


def page_problems(entry, width, height, top, bottom, left, right) -> list[str]:
    tol = entry.get("tolerance", 1.0)
    paper_w, paper_h = entry["paper"]
    text_w, text_h = entry["text"]
    want = {"上": entry["top"], "下": paper_h - entry["top"] - text_h,
            "左": entry["left"], "右": paper_w - entry["left"] - text_w}
    have = {"上": top, "下": bottom, "左": left, "右": right}
    out = []
    if abs(width - paper_w) > tol or abs(height - paper_h) > tol:
        out.append(f"纸张为{width:.0f}×{height:.0f}毫米，应为A4（{paper_w}×{paper_h}毫米）")
    off = [k for k in want if abs(have[k] - want[k]) > tol]
    if off:
        out.append("页边距" + "、".join(f"{k}{have[k]:.1f}" for k in off) + "毫米，应为"
                   + "、".join(f"{k}{want[k]:g}" for k in off) + f"毫米（版心{text_w}×{text_h}毫米）")
    return out


TEXT_AREA = (156, 225)  # mm, GB/T 9704—2012 5.2.1, when the profile's page check is off


def text_area(prof: Profile) -> tuple[float, float]:
    """The 版心 (width, height) in points the grid is counted on: the profile's, not the document's,
    so that wrong margins are one finding (FZ701), not two."""
    page = next((e for e in prof.entries if e.get("kind") == "page"), None)
    width, height = page["text"] if page is not None else TEXT_AREA
    return width / 25.4 * 72, height / 25.4 * 72


def spacing_lines(pitch: float, height: float = TEXT_AREA[1] / 25.4 * 72) -> int:
    """Lines of a given pitch (points) that fit a height (points)."""
    return int(height / pitch + 1e-6)


def grid_problems(entry, lines: int, chars: int, fixed: float | None) -> list[str]:
    if fixed is not None and any(abs(fixed - s) < 0.05 for s in entry.get("fixed-spacing", [])):
        return []
    out = []
    if lines != entry["lines"]:
        out.append(f"每页{lines}行" + (f"（固定行距{fixed:g}磅）" if fixed else "") + f"，应为{entry['lines']}行")
    if chars != entry["chars"]:
        out.append(f"每行{chars}字，应为{entry['chars']}字")
    return out


def page_number_problems(prof, entry, text: str, font: str | None, size: float | None) -> list[str]:
    out = []
    if re.sub(r"\s+", " ", text.strip()) != entry["format"]:
        shown, wanted = (t.strip().replace("{PAGE}", "1") for t in (text, entry["format"]))
        out.append(f"写作“{shown}”，应为“{wanted}”（数字左右各一条一字线）")
    found = font_problem(prof, entry, font, size)
    if found:
        out.append(f"页码数字为{found[0]}，应为{found[1]}")
    return out


# ---- paragraphs -------------------------------------------------------------------------------

@dataclass
class Item:
    """A paragraph of the document as the layout rules see it."""

    paragraph: object  # fazhilint.document.Paragraph
    role: str
    level: int  # heading level, 0 otherwise
    line: object  # fazhilint.read.docx.Line
    offset: int  # where the line starts in the text
    formats: object = None  # fazhilint.read.docx_format.Formats of the document

    @property
    def text(self) -> str:
        return self.line.text

    def split(self) -> int:
        return self._split()[0]

    @property
    def heading_end_known(self) -> bool:
        """False for a heading run into its text with no 。 to end it: the rest is not judged as body."""
        return self._split()[1]

    def _split(self) -> tuple[int, bool]:
        """Where the heading words end: after the first 。 of a run-in heading (“（一）加强组织领导。各村……”),
        the whole line for a heading on its own. A heading run into its text without its 。 (FZ208) has
        no known end: then the first change of font marks it, else only the numbering marker counts."""
        if self.role != "heading":
            return 0, True
        text = self.text.rstrip()
        i = text.find("。")
        if 0 <= i < HEADING_MAX:
            return (i + 1 if i < len(text) - 1 else len(self.text)), True
        if len(text) <= HEADING_MAX:
            return len(self.text), True
        marker_end = self.paragraph.section.marker.end - self.paragraph.start \
            if self.paragraph.section is not None and self.paragraph.section.marker is not None else 0
        fonts = [(s, self.formats.run(r, self.line.p).east_asia) for s, e, r in runs(self)]
        change = next((s for (s, f), (_, before) in zip(fonts[1:], fonts) if f != before), None)
        if change is not None and marker_end < change <= HEADING_MAX:
            return change, True  # the author's own boundary: where the heading's font gives way
        marker = self.paragraph.section.marker if self.paragraph.section is not None else None
        return max(self.line.rendered, marker.end - self.paragraph.start if marker is not None else 0), False

    def quote(self, start: int = 0, end: int | None = None, limit: int = 16) -> str:
        text = self.text[start:end].strip()
        return text if len(text) <= limit else text[:limit] + "…"

    @property
    def indented(self) -> bool:
        """Whether the profile's first-line indent applies: not to an attachment note's continuation
        lines ("2.××××"), which align with the first attachment's name (7.3.4)."""
        return self.role != "attachment-note" or bool(NOTE_START.match(self.text))

    def name(self) -> str:
        if self.role == "heading":
            return LEVEL_NAMES.get(self.level, "标题")
        return ROLE_NAMES[self.role]


def items(doc) -> list[Item]:
    """Every paragraph with a role the layout rules check, in order (cached on the opened document)."""
    from fazhilint.read.docx import TOC_LABEL as TOC, opened

    source = doc.source
    handle = opened(source)
    cached = getattr(handle, "_layout_items", None)
    if cached is not None and cached[0] is doc:
        return cached[1]
    out = []
    for p in doc.paragraphs:  # each with its role (fazhilint/roles.py); tables and furniture are not laid out here
        if p.role not in ROLES or not p.text.strip() or source.line_labels.get(p.line, "").startswith(TOC):
            continue
        level = p.section.level if p.role == "heading" and p.section is not None else 0
        out.append(Item(p, p.role, level, handle.lines[p.line - 1], source.line_starts[p.line - 1], handle.formats))
    handle._layout_items = (doc, out)
    return out


def runs(item: Item, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, object]]:
    """(start, end, w:r) of the runs of a paragraph with visible text in [start, end) of its line."""
    end = len(item.text) if end is None else end
    for s, e, r in item.line.segments:
        s, e = max(s, start), min(e, end)
        if s < e and item.text[s:e].strip():
            yield s, e, r


def formats(doc):
    from fazhilint.read.docx import opened

    return opened(doc.source).formats


class LayoutRule(Rule):
    """A layout rule: reads the layout profile, runs on Word documents only."""

    reads_pack = True
    pack_table = TABLE

    def check(self, doc, ctx):
        if doc.source.kind != "docx":
            return
        yield from self.check_layout(doc, profile(ctx.entries))

    def check_layout(self, doc, prof: Profile):
        raise NotImplementedError

    def at(self, item: Item, start: int, end: int, message: str, fix=None):
        return self.report(item.offset + start, item.offset + end, message, fix)

    def collapse(self, doc, found: list[Found]):
        """One finding per paragraph; but the same problem in GROUP_MIN or more paragraphs of the same
        element is one finding, at the first, saying how many (a style to change, not N paragraphs)."""
        from fazhilint.diagnostics import Fix

        groups: dict[tuple[str, str], list[Found]] = {}
        for f in found:
            groups.setdefault((f.what, f.problem), []).append(f)
        for (what, problem), group in groups.items():
            if len(group) < GROUP_MIN:
                for f in group:
                    fix = Fix.safe(*f.edits) if f.edits else None
                    yield self.at(f.item, f.start, f.end, f"{what}“{f.quote}”{problem}（{f.clause}）", fix)
                continue
            first = group[0]
            styles = {formats(doc).paragraph(f.item.line.p).style for f in group}
            hint = f"，可在段落样式“{styles.pop()}”中统一修改" if len(styles) == 1 else ""
            edits = [e for f in group for e in f.edits]
            yield self.at(first.item, first.start, first.end,
                          f"{what}共{len(group)}段{problem}（此为第一处“{first.quote}”{hint}）（{first.clause}）",
                          Fix.safe(*edits) if edits else None)


GROUP_MIN = 3  # paragraphs with the same problem reported as one finding


@dataclass
class Found:
    """A layout problem of one paragraph, before findings of the same kind are merged."""

    item: Item
    start: int
    end: int
    what: str  # the element: 正文, 二级标题 …
    quote: str  # its words, shortened
    problem: str  # "为宋体，应为仿宋": equal problems merge
    clause: str
    edits: tuple = ()


def clause(entry) -> str:
    return f"{STANDARD} {entry['clause']}" if entry.get("clause") else STANDARD


def font_finding(doc, prof, item: Item, entry, start: int = 0, end: int | None = None):
    """(start, end, "为…，应为…") over the runs in [start, end) whose font or size is not the entry's,
    or None. Only runs with Chinese characters are judged by their East Asian font."""
    fmt = formats(doc)
    bad, said = [], []
    pieces = [(s, e, fmt.run(r, item.line.p)) for s, e, r in runs(item, start, end)]
    if start == 0 and item.line.rendered and item.text[: item.line.rendered].strip():
        label = fmt.label(item.line.p)  # Word's automatic number ("一、") is drawn in its own format
        if label is not None:
            pieces.insert(0, (0, item.line.rendered, label))
    for s, e, f in pieces:
        font = f.east_asia if CJK.search(item.text[s:e]) else entry["font"]
        found = font_problem(prof, entry, font, f.size)
        if found and f.theme and font == f.east_asia:
            found = (found[0].replace(font or "未设字体", f"主题字体（{font}）", 1), found[1])
        if found:
            bad.append((s, e))
            if found not in said:
                said.append(found)
    if not bad:
        return None
    words = "；".join(f"为{a}，应为{b}" for a, b in said)
    return bad[0][0], bad[-1][1], words


# ---- the closing: 发文机关署名 and 成文日期 (7.3.5) ------------------------------------------------------

_SPACE_WIDTH = {" ": 0.5, "\u00a0": 0.5, "\t": 2.0, "\u3000": 1.0}


def width_chars(text: str) -> float:
    """The width of a text in characters: a Chinese character or full-width sign is one, a half-width
    digit, letter or space half of one (GB/T 9704—2012 3.1: 字 is the width of one Chinese character)."""
    return sum(_SPACE_WIDTH.get(c, 1.0 if ord(c) > 0x2e7f or CJK.match(c) else 0.5) for c in text)


def note_prefix(text: str) -> float | None:
    """The width of the “附件：” opening an attachment note (up to the first attachment's number or
    name) in characters, or None for another line: further attachments align after it (7.3.4)."""
    m = _NOTE_PREFIX.match(text.lstrip(" \u3000\u00a0\t"))
    return width_chars(m.group()) if m else None


_NOTE_PREFIX = re.compile(r"^附\s*件\s*[:：][ \u3000]*")


def signature_gap(date_gap: float, date_width: float, width: float) -> float:
    """The right gap (characters) of a signature centred on a date with the given right gap and width."""
    return max(0.0, date_gap + (date_width - width) / 2)


@dataclass
class Closing:
    """The 成文日期 of a report and the signature lines right above it."""

    date: Item
    signatures: list  # of Item


def closing(doc) -> Closing | None:
    """The last 成文日期 of the closing and the signature lines above it (not 特此报告), or None."""
    from fazhilint.vocabulary import CLOSING_FORMULA, DATE_LINE

    lines = [i for i in items(doc) if i.role == "closing"]
    at = next((k for k in range(len(lines) - 1, -1, -1) if DATE_LINE.fullmatch(lines[k].text.strip())), None)
    if at is None:
        return None
    signatures = []
    for item in reversed(lines[:at]):
        if CLOSING_FORMULA.match(item.text.strip()):
            break
        signatures.insert(0, item)
    return Closing(lines[at], signatures)


def right_gap(doc, item: Item) -> tuple[float, float] | None:
    """(right gap, width) of a one-line paragraph in characters, from its alignment, indents and typed
    spaces; None when it cannot be told (trailing spaces on a right-aligned line, a line that wraps)."""
    fmt = formats(doc)
    para = fmt.paragraph(item.line.p)
    first = next(runs(item), None)
    size = (fmt.run(first[2], item.line.p).size if first else None) or para.mark.size or 16
    text = item.text
    body = text.strip(" \u3000\u00a0\t")
    lead = width_chars(text[: len(text) - len(text.lstrip(" \u3000\u00a0\t"))])
    trail = width_chars(text[len(text.rstrip(" \u3000\u00a0\t")):])
    width = width_chars(body)
    line = line_chars(doc, para, size)
    left, right, indent = para.side_chars("left", size), para.side_chars("right", size), para.indent_chars(size)
    if lead + width + trail > line - left - right - indent + 0.25:
        return None  # it wraps
    if para.align == "right":
        return (right, width) if not trail else None
    if para.align == "center":
        start = left + indent + (line - left - right - indent - (lead + width + trail)) / 2
    elif para.align in ("left", "both"):
        start = left + indent
    else:
        return None
    return line - start - lead - width, width


def line_chars(doc, para, size: float) -> float:
    """How many characters of a size a line of the document's last section holds."""
    fmt = formats(doc)
    sections = fmt.sections()
    if not sections:
        return 28.0
    section = sections[-1]  # the closing is at the end
    width = (section.width - section.left - section.right) / 25.4 * 72
    pitch = size + para.mark.spacing
    if section.grid_type in ("linesAndChars", "snapToChars"):
        pitch = (para.mark.size or size) + section.char_space / 4096
    return width / pitch
