"""A report as published on a government portal: the article's text, one block a line.

Scripts, styles, forms' controls, ``nav``/``header``/``footer``/``aside`` and
blocks whose id or class names them as furniture (menu, breadcrumb, share,
copyright …) are dropped. The main content block is the element holding the
most prose (Chinese characters outside links, counted per paragraph and passed
up to parents); the page's title heading before it is kept, since it is the
report's title. Whatever furniture survives is for FZ305 to report.

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

    def text(self, links: bool = True) -> str:
        """All text inside; with links=False, without the text of links (menus, related lists)."""
        if not links and self.tag == "a":
            return ""
        return "".join(c if isinstance(c, str) else c.text(links) for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {}, None)

    def handle_starttag(self, tag, attrs):
        closes = _AUTO_CLOSE.get(tag, ())
        if self.current.tag in closes:
            self.current = self.current.parent
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

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


def _prune(node: Node, total: int) -> None:
    """Drop furniture, unless it holds most of the page (a wrapper misnamed "header-wrap")."""
    kept = []
    for child in node.children:
        if isinstance(child, Node) and child.furniture():
            if child.tag in _JUNK or len(_CJK.findall(child.text())) * 2 < total:
                continue
        if isinstance(child, Node):
            _prune(child, total)
        kept.append(child)
    node.children = kept


def _main_block(root: Node) -> Node:
    """The element whose paragraphs hold the most prose; the whole page if none stands out."""
    scores: dict[int, float] = {}
    nodes: dict[int, tuple[int, Node]] = {}

    def visit(node: Node, depth: int) -> None:
        own = 0 if node.tag == "a" else sum(len(_CJK.findall(c)) for c in node.children if isinstance(c, str))
        own += sum(len(_CJK.findall(c.text(links=False))) for c in node.children
                   if isinstance(c, Node) and c.tag not in _BLOCK)
        # A block's own prose counts for itself (text split by <br> in one cell), its parent
        # (paragraphs in a content div) and, half, its grandparent.
        for k, (holder, weight) in enumerate(((node, 1.0), (node.parent, 1.0), (node.parent and node.parent.parent, 0.5))):
            if own and holder is not None and holder is not root:
                scores[id(holder)] = scores.get(id(holder), 0) + own * weight
                nodes[id(holder)] = (depth - k, holder)
        for c in node.children:
            if isinstance(c, Node):
                visit(c, depth + 1)

    visit(root, 0)
    if not scores:
        return root
    best = nodes[max(scores, key=lambda i: (scores[i], nodes[i][0]))][1]  # ties: the deeper one
    total = len(_CJK.findall(root.text(links=False)))
    return best if len(_CJK.findall(best.text(links=False))) * 10 >= total * 3 else root


def _lines(node: Node, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out[-1] += child
        elif child.tag in _BLOCK:
            out.append("")
            _lines(child, out)
            out.append("")
        else:
            _lines(child, out)


def _title_before(root: Node, block: Node) -> Node | None:
    """The last h1–h3 (or element classed "title") before the main block, outside it."""
    found, inside = None, set()
    stack = [block]
    while stack:
        n = stack.pop()
        inside.add(id(n))
        stack.extend(c for c in n.children if isinstance(c, Node))

    def visit(node: Node) -> bool:
        nonlocal found
        for c in node.children:
            if not isinstance(c, Node):
                continue
            if c is block:
                return True
            if (c.tag in _HEADINGS or "title" in (c.attrs.get("class") or "").lower()) and id(c) not in inside \
                    and _CJK.search(c.text()):
                found = c
            elif visit(c):
                return True
        return False

    visit(root)
    return found


def extract(html: str) -> list[str]:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    _prune(root, len(_CJK.findall(root.text())))
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
    data = path.read_bytes()
    if not data:
        raise UnreadableInput("文件为空，没有可检查的内容")
    lines = extract(decode_html(data, str(path)))
    if not lines:
        raise UnreadableInput("网页中没有找到正文文字（可能是图片、PDF 附件或由脚本加载的页面）；请提供 .docx 或 .txt")
    source = Source.from_string("\n".join(lines), str(path), kind="html", encoding=None)
    source.line_labels = {n: f"第{n}段" for n in range(1, len(lines) + 1)}
    return source
