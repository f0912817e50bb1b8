"""A report as published on a government portal: the article's text, one block a line.

Scripts, styles, forms' controls, ``nav``/``header``/``footer``/``aside`` and
blocks whose id or class names them as furniture (menu, breadcrumb, share,
copyright …) are dropped. The main content block is the element holding the
most prose (Chinese characters outside links, counted per paragraph and passed
up to parents); the page's title heading before it is kept, since it is the
report's title. Whatever furniture survives is for FZ305 to report.

Every walk over the tree is iterative (old CMS pages leave hundreds of tags unclosed, nesting
deeper than Python's recursion limit) and every count is made in one pass.

Encoding: a BOM, else ``<meta charset>`` / ``http-equiv`` (GB2312 and GBK read
as GB18030), else the text chain (UTF-8, then GB18030).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from fazhilint.source import Source, UnreadableInput

_JUNK = {"script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "select",
         "button", "input", "textarea", "head", "title", "nav", "header", "footer", "aside"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base", "col", "embed", "param", "track"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "br", "section", "article",
          "main", "table", "blockquote", "pre", "dd", "dt", "ul", "ol", "dl", "center", "hr", "body", "form"}
_AUTO_CLOSE = {"p": {"p"}, "li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr"}, "dd": {"dd", "dt"}, "dt": {"dd", "dt"}}
# A class or id token starting with one of these names page furniture ("breadcrumb", "share-box").
_FURNITURE = re.compile(
    r"(?:^|\s)(?:nav|menu|bread|crumb|foot|header|side|share|bdshare|copyright|banner|toolbar|position|"
    r"location|current|dqwz|bottom|topbar|related|xgxx|xgwz)", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_HEADINGS = {"h1", "h2", "h3"}


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def furniture(self) -> bool:
        names = f"{self.attrs.get('id') or ''} {self.attrs.get('class') or ''}"
        return self.tag in _JUNK or bool(_FURNITURE.search(names))

    def text(self) -> str:
        """All text inside."""
        out, stack = [], [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                out.append(item)
            else:
                stack.extend(reversed(item.children))
        return "".join(out)


def _descendants(root: Node) -> list[Node]:
    """root and every element under it, parents before children, in document order."""
    order, stack = [], [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(c for c in reversed(node.children) if isinstance(c, Node))
    return order


def _prose_counts(root: Node, links: bool = True) -> dict[int, int]:
    """id(element) → Chinese characters inside it (with links=False, outside links: menus, related lists)."""
    counts: dict[int, int] = {}
    for node in reversed(_descendants(root)):  # children first
        if not links and node.tag == "a":
            counts[id(node)] = 0
        else:
            counts[id(node)] = sum(len(_CJK.findall(c)) if isinstance(c, str) else counts[id(c)] for c in node.children)
    return counts


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.open = [self.root]  # the open elements, outermost first
        self.count: dict[str, int] = {}  # open elements by tag: a stray end tag costs nothing

    @property
    def current(self) -> Node:
        return self.open[-1]

    def _close_one(self) -> None:
        node = self.open.pop()
        self.count[node.tag] -= 1

    def handle_starttag(self, tag, attrs):
        closes = _AUTO_CLOSE.get(tag, ())
        if self.current.tag in closes:
            self._close_one()
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.open.append(node)
            self.count[tag] = self.count.get(tag, 0) + 1

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        if self.count.get(tag):
            while self.open[-1].tag != tag:
                self._close_one()
            self._close_one()

    def handle_data(self, data):
        self.current.children.append(data)


def decode_html(data: bytes, path: str) -> str:
    from fazhilint.read.text import decode

    declared = _CHARSET.search(data[:8192])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", "replace").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn") else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to the chain
    return decode(data, path).text


def _prune(root: Node) -> None:
    """Drop furniture, unless it holds most of the page (a wrapper misnamed "header-wrap")."""
    counts = _prose_counts(root)
    total = counts[id(root)]
    stack = [root]
    while stack:
        node = stack.pop()
        kept = [c for c in node.children if not (isinstance(c, Node) and c.furniture() and
                                                 (c.tag in _JUNK or counts[id(c)] * 2 < total))]
        node.children = kept
        stack.extend(c for c in kept if isinstance(c, Node))


def _main_block(root: Node) -> Node:
    """The element whose paragraphs hold the most prose; the whole page if none stands out."""
    scores: dict[int, float] = {}
    nodes: dict[int, tuple[int, Node]] = {}
    prose = _prose_counts(root, links=False)
    depths = {id(root): 0}
    for node in _descendants(root):
        depth = depths[id(node)]
        for c in node.children:
            if isinstance(c, Node):
                depths[id(c)] = depth + 1
        own = 0 if node.tag == "a" else sum(len(_CJK.findall(c)) for c in node.children if isinstance(c, str))
        own += sum(prose[id(c)] for c in node.children if isinstance(c, Node) and c.tag not in _BLOCK)
        # A block's own prose counts for itself (text split by <br> in one cell), its parent
        # (paragraphs in a content div) and, half, its grandparent.
        for k, (holder, weight) in enumerate(((node, 1.0), (node.parent, 1.0), (node.parent and node.parent.parent, 0.5))):
            if own and holder is not None and holder is not root:
                scores[id(holder)] = scores.get(id(holder), 0) + own * weight
                nodes[id(holder)] = (depth - k, holder)
    if not scores:
        return root
    best = nodes[max(scores, key=lambda i: (scores[i], nodes[i][0]))][1]  # ties: the deeper one
    return best if prose[id(best)] * 10 >= prose[id(root)] * 3 else root


_CLOSE = object()  # on the walk's stack: a block element ends here


def _lines(node: Node, out: list[str]) -> None:
    """Append the text under node to out, a new line at each block element's start and end."""
    parts: list[str] = [out.pop()]
    stack: list = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item is _CLOSE or item.tag in _BLOCK:
            out.append("".join(parts))
            parts = []
            if item is not _CLOSE:
                stack.append(_CLOSE)
                stack.extend(reversed(item.children))
        else:
            stack.extend(reversed(item.children))
    out.append("".join(parts))


def _title_before(root: Node, block: Node) -> Node | None:
    """The last h1–h3 (or element classed "title") before the main block, outside it."""
    found, inside = None, set()
    stack = [block]
    while stack:
        n = stack.pop()
        inside.add(id(n))
        stack.extend(c for c in n.children if isinstance(c, Node))

    walk = [c for c in reversed(root.children) if isinstance(c, Node)]
    while walk:
        c = walk.pop()
        if c is block:
            break
        if (c.tag in _HEADINGS or "title" in (c.attrs.get("class") or "").lower()) and id(c) not in inside \
                and _CJK.search(c.text()):
            found = c
        else:
            walk.extend(x for x in reversed(c.children) if isinstance(x, Node))
    return found


def extract(html: str) -> list[str]:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    _prune(root)
    block = _main_block(root)
    raw: list[str] = [""]
    title = _title_before(root, block) if block is not root else None
    if title is not None:
        _lines(title, raw)
        raw.append("")
    _lines(block, raw)
    lines = (_SPACES.sub(" ", line).strip(" ") for line in raw)
    return [line for line in lines if line.strip()]


def read_html(path: Path) -> Source:
    from fazhilint.read import read_bytes

    data = read_bytes(path)
    if not data:
        raise UnreadableInput("文件为空，没有可检查的内容")
    lines = extract(decode_html(data, str(path)))
    if not lines:
        raise UnreadableInput("网页中没有找到正文文字（可能是图片、PDF 附件或由脚本加载的页面）；请提供 .docx 或 .txt")
    source = Source.from_string("\n".join(lines), str(path), kind="html", encoding=None)
    source.line_labels = {n: f"第{n}段" for n in range(1, len(lines) + 1)}
    return source
