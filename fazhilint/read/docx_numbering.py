"""Word's automatic numbering, rendered as Word shows it ("一、", "（三）", "1.").

``paragraph.text`` omits these labels. They come from numbering.xml: a
paragraph's ``w:numPr`` (or its style's, along the ``basedOn`` chain) names a
``w:num``, which points at an ``w:abstractNum`` whose levels give the start
value, the number format and the text (``%1、``). Counters run per abstractNum,
deeper levels restart when a shallower one advances, and ``lvlOverride`` /
``startOverride`` restart a level the first time its ``w:num`` is used.

Values are clamped as Word clamps them: a start value outside 0–32767 (or not a number) counts
as 0, a level text is cut at 255 characters, a custom format pads to at most 10 digits, and a
counter past 32767 (a list of more items than Word numbers) is written in Arabic digits.

``numFmt w:val="custom"`` is read from its ``w:format`` example ("001, 002, …",
"一, 二, 三, …"), also inside Word's ``mc:AlternateContent``.
Not rendered: ``lvlRestart`` exceptions and bullets (they carry no number).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from fazhilint.numerals import to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


_NS = {"w": W[1:-1]}
TOC_STYLES = etree.XPath('w:style[starts-with(translate(w:name/@w:val, "TOC", "toc"), "toc ")]/@w:styleId', namespaces=_NS)


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


MAX_START = 32767  # Word's largest start value and the largest number it formats
MAX_TEXT = 255  # characters of a level text (w:lvlText) Word keeps
MAX_PAD = 10  # digits of a custom zero-padded format ("0001, 0002, ...")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:  # also a number too long to convert
        return None


def _start(value: str | None) -> int | None:
    """A start value as Word reads it: a number in 0–32767, anything else 0; None when absent."""
    if value is None:
        return None
    n = _int(value)
    return n if n is not None and 0 <= n <= MAX_START else 0


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _table(chars: str, n: int) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in one of Word's number formats."""
    if not 0 <= n <= MAX_START:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting", "ideographDigital") and n >= 0:
        return to_chinese(n)
    formats = {
        "decimal": str, "decimalZero": lambda n: f"{n:02d}",
        "decimalFullWidth": lambda n: str(n).translate(_FULL), "decimalFullWidth2": lambda n: str(n).translate(_FULL),
        "decimalEnclosedCircle": lambda n: _table(_CIRCLED, n),
        "decimalEnclosedCircleChinese": lambda n: _table(_CIRCLED, n),
        "decimalEnclosedParen": lambda n: _table(_PAREN, n),
        "decimalEnclosedFullstop": lambda n: _table(_STOP, n),
        "chineseLegalSimplified": lambda n: to_chinese(n).translate(_LEGAL),
        "ideographTraditional": lambda n: _table(_STEMS, n),
        "ideographZodiac": lambda n: _table(_BRANCHES, n),
        "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1) if n > 0 else "",
        "lowerLetter": lambda n: (chr(64 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1)).lower() if n > 0 else "",
        "upperRoman": _roman, "lowerRoman": lambda n: _roman(n).lower(),
        "none": lambda n: "",
    }
    if fmt.startswith("zero") and fmt[4:].isdigit():  # from a custom "001, 002, ..."
        return str(n).zfill(min(int(fmt[4:]), MAX_PAD))
    return formats.get(fmt, str)(n)


def _custom(example: str) -> str:
    """A custom format ("001, 002, 003, ...", "一, 二, 三, ...") as the built-in format it follows."""
    first = example.split(",")[0].strip()
    if first.isdigit() and first.isascii():
        return f"zero{min(len(first), MAX_PAD)}"
    known = {"一": "chineseCounting", "壹": "chineseLegalSimplified", "①": "decimalEnclosedCircle",
             "⑴": "decimalEnclosedParen", "甲": "ideographTraditional", "子": "ideographZodiac", "１": "decimalFullWidth"}
    return known.get(first[:1], "decimal")


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False  # isLgl: every %k in decimal
    style: str | None = None  # pStyle: the paragraph style bound to this level

    @classmethod
    def parse(cls, lvl) -> Level:
        # Word 2010+ wraps custom formats in mc:AlternateContent: the Choice (custom) comes first.
        fmt_el = next(lvl.iter(W + "numFmt"), None)
        fmt = fmt_el.get(W + "val", "decimal") if fmt_el is not None else "decimal"
        if fmt == "custom":
            fmt = _custom(fmt_el.get(W + "format") or "")
        return cls(
            start=_start(_val(lvl, "start")) or 0,
            fmt=fmt,
            text=(_val(lvl, "lvlText") or "")[:MAX_TEXT],
            legal=lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
            style=_val(lvl, "pStyle"),
        )


def style_table(styles):
    """({styleId: w:style}, the default paragraph style, the default character style) of a styles part
    (the last style of an id, the last marked default)."""
    by_id, defaults = {}, {}
    for style in [] if styles is None else styles.iterfind(W + "style"):
        sid = style.get(W + "styleId")
        by_id[sid] = style
        if style.get(W + "default") in ("1", "true"):
            defaults[style.get(W + "type")] = sid
    return by_id, defaults.get("paragraph"), defaults.get("character")


def toc_styles(styles) -> set[str]:
    """The ids of the styles of table-of-contents entries ("toc 1" …)."""
    return set() if styles is None else set(map(str, TOC_STYLES(styles)))


def style_numbering(styles):
    """What numbering reads from a styles part: (the default paragraph style, {style: the style it is
    based on}, {style: its (numId, ilvl)})."""
    default, ids, bases, based_on, style_num = None, [], [], {}, {}
    for style in [] if styles is None else styles.iterfind(W + "style"):
        sid = style.get(W + "styleId")
        if default is None and sid is not None and style.get(W + "type") == "paragraph" \
                and style.get(W + "default") in ("1", "true"):
            default = sid
        vals = [v for v in (b.get(W + "val") for b in style.iterfind(W + "basedOn")) if v is not None]
        if vals:
            ids += [sid] if sid is not None else []
            bases += vals
            based_on[sid] = _val(style, "basedOn")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            style_num[sid] = (_val(num_pr, "numId"), _int(_val(num_pr, "ilvl")))
    if len(ids) == len(bases):  # else a style without an id, or with two basedOn: as they come
        based_on = dict(zip(ids, bases))
    return default, based_on, style_num


class Numbering:
    """Renders labels paragraph by paragraph; call ``label`` in document order."""

    def __init__(self, numbering=None, styles=None, from_styles=None):
        """from_styles: style_numbering(styles), when already worked out."""
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = {}
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.based_on: dict[str, str] = {}
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        if styles is not None:
            self.default_style, self.based_on, self.style_num = from_styles or style_numbering(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def restart(self) -> None:
        """Forget the counters: the next ``label`` is of a document's first numbered paragraph."""
        self.counters.clear()
        self.used.clear()

    def _read_numbering(self, numbering) -> None:
        for abstract in numbering.iter(W + "abstractNum"):
            aid = abstract.get(W + "abstractNumId")
            self.abstract[aid] = {_int(lvl.get(W + "ilvl")) or 0: Level.parse(lvl) for lvl in abstract.iter(W + "lvl")}
            link = _val(abstract, "numStyleLink")
            if link:
                self.links[aid] = link
        for num in numbering.iter(W + "num"):
            starts, levels = {}, {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl")) or 0
                start = _start(_val(override, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = Level.parse(lvl)
            self.nums[num.get(W + "numId")] = (_val(num, "abstractNumId"), starts, levels)

    def _abstract_id(self, num_id: str) -> str | None:
        aid = self.nums[num_id][0]
        for _ in range(5):  # numStyleLink: the list lives behind a numbering style
            link = self.links.get(aid)
            if link is None or self.abstract.get(aid):
                break
            linked = self.style_num.get(link, (None, None))[0]
            if linked not in self.nums:
                break
            aid = self.nums[linked][0]
        return aid

    def resolve(self, p) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph, from its own numPr or its style chain; None if unnumbered."""
        ppr = p.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = _val(num_pr, "numId")
        ilvl = _int(_val(num_pr, "ilvl"))
        style = _val(ppr, "pStyle") or self.default_style
        bound_style, seen = style, set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            s_num, s_ilvl = self.style_num.get(style, (None, None))
            if num_id is None and s_num is not None:
                num_id, bound_style = s_num, style
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            style = self.based_on.get(style)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:  # a level bound to the style by w:pStyle, else level 0
            levels = self.abstract.get(self._abstract_id(num_id), {})
            ilvl = next((k for k, lvl in levels.items() if lvl.style == bound_style), 0)
        return num_id, ilvl

    def label(self, p) -> str:
        """The label Word shows before paragraph ``p`` ("" if none); advances the counters."""
        found = self.resolve(p)
        if found is None:
            return ""
        num_id, ilvl = found
        aid = self._abstract_id(num_id)
        _, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(aid, {}), **overrides}
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.used:
            self.used.add(num_id)
            for k, start in starts.items():
                if 0 <= k < 9:
                    counters[k] = start - 1
        if not 0 <= ilvl < 9:
            return ""
        counters[ilvl] = level.start if counters[ilvl] is None else counters[ilvl] + 1
        counters[ilvl + 1:] = [None] * (8 - ilvl)
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                lvl = levels.get(k, Level())
                value = counters[k] if counters[k] is not None else lvl.start
                text = text.replace(f"%{k + 1}", format_number(value, "decimal" if level.legal else lvl.fmt))
        return text
