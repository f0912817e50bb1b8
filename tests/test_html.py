"""Web input (a report on a government portal) and the HTML report."""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from fazhilint.cli import app
from fazhilint.config import Config
from fazhilint.engine import lint_path
from fazhilint.read import read_path
from fazhilint.read.html import extract
from tests.conftest import SAMPLE, SEED, needs_corpus

# Word drafts built with python-docx are far from GB/T 9704 layout: these tests are about the text.
ALL = Config(select=("ALL",), ignore=("FZ7",))
FURNITURE = ("网站首页", "政务公开", "当前位置", "扫一扫", "版权所有", "相关稿件", "乡镇信息公开目录")


def portal_page(paragraphs: list[str], charset: str = "utf-8") -> str:
    """A township portal's article page around the given paragraphs, as such pages are built."""
    body = "\n".join(f"<p style=\"text-indent:2em\">{escape(p)}</p>" for p in paragraphs[1:])
    links = "".join(f'<li><a href="/n{i}.html">松江镇召开第{i}次专题会议</a></li>' for i in range(1, 6))
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(paragraphs[0])}_松江镇人民政府</title><style>.nav{{color:red}}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script></head><body>
<div class="header"><div class="logo">松江镇人民政府</div>
<ul class="nav"><li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hd">政民互动</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 乡镇信息公开目录</div>
<div class="main"><div class="article"><h1 class="title">{escape(paragraphs[0])}</h1>
<div class="info">发布时间：2024-01-05 来源：松江镇 字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div id="zoom" class="TRS_Editor">{body}</div>
<div class="share">扫一扫在手机打开当前页</div></div>
<div class="related"><h3>相关稿件</h3><ul>{links}</ul></div></div>
<div class="footer"><p>版权所有：松江镇人民政府 主办单位：松江镇党政办公室</p><p>ICP备案号：12345678号</p></div>
</body></html>"""


def seed_article() -> list[str]:
    """The seed's report text without the portal furniture its archived copy kept."""
    lines = [t for t in read_path(SEED).text.split("\n") if t.strip()]
    return [t for t in lines if not t.startswith(("当前页面", "扫一扫", "相关稿件"))]


def findings_by_text(result) -> list[tuple[str, str]]:
    return sorted((d.code, result.source.line(d.line)) for d in result.diagnostics)


# ---- the web reader ---------------------------------------------------------------------------

def test_article_is_extracted_and_furniture_dropped():
    lines = extract(portal_page(["某镇2023年法治政府建设工作报告", "一、主要举措", "（一）加强领导，完善制度。"]))
    assert lines[0] == "某镇2023年法治政府建设工作报告"
    assert lines[-2:] == ["一、主要举措", "（一）加强领导，完善制度。"]
    assert len(lines) <= 4  # at most the publication line survives, inside the article block (FZ305's)
    assert not any(word in line for line in lines for word in FURNITURE)
    assert not any("统计代码" in line or "_hmt" in line for line in lines)


def test_old_table_layout_with_a_link_column_and_br_paragraphs():
    page = """<html><body><table><tr><td><a href=/>首页</a><br><a href=/a>机构概况</a><br><a href=/b>政务公开</a></td>
    <td><h2>某镇2023年法治政府建设工作报告</h2>一、主要举措<br>（一）加强组织领导，完善制度建设。<br>
    （二）规范行政执法，推行三项制度。<br>二、存在的问题<br>法治宣传教育实效性有待提升。</td></tr></table>
    <p>版权所有 某镇人民政府</p></body></html>"""
    assert extract(page) == ["某镇2023年法治政府建设工作报告", "一、主要举措", "（一）加强组织领导，完善制度建设。",
                             "（二）规范行政执法，推行三项制度。", "二、存在的问题", "法治宣传教育实效性有待提升。"]


def test_gb2312_page_is_read_through_its_meta_charset(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(portal_page(["某镇2023年法治政府建设工作报告", "一、主要举措"], "gb2312").encode("gb18030"))
    source = read_path(path)
    lines = source.text.split("\n")
    assert lines[0] == "某镇2023年法治政府建设工作报告" and lines[-1] == "一、主要举措"
    assert source.kind == "html" and source.line_labels[2] == "第2段"


@pytest.mark.parametrize("content, reason", [(b"", "文件为空"), (b"<html><body><img src=a.png></body></html>", "没有找到正文")])
def test_empty_pages_are_fz001(tmp_path, content, reason):
    path = tmp_path / "p.html"
    path.write_bytes(content)
    result = lint_path(path, ALL)
    assert [d.code for d in result.diagnostics] == ["FZ001"] and reason in result.diagnostics[0].message


@needs_corpus
@pytest.mark.parametrize("charset, encoding", [("utf-8", "utf-8"), ("gb2312", "gb18030")])
def test_seed_as_a_portal_page_gives_the_seed_findings(tmp_path, charset, encoding):
    article = seed_article()
    path = tmp_path / "article.html"
    path.write_bytes(portal_page(article, charset).encode(encoding))
    result = lint_path(path, ALL)
    source = result.source
    # What survives extraction: the page's title heading and the article block, nothing else.
    assert source.text.split("\n") == article
    seed = findings_by_text(lint_path(SEED, ALL))
    # The seed's findings on its report text, and nothing else: its archived copy kept the portal's
    # breadcrumb and share lines, which the page's furniture carries here and extraction drops.
    kept = [(code, text) for code, text in seed if text in article]
    assert {code for code, text in seed if text not in article} <= {"FZ305"}
    assert findings_by_text(result) == kept
    assert all(d.location for d in result.diagnostics)


def test_furniture_that_survives_extraction_is_fz305s(tmp_path):
    path = tmp_path / "short.html"
    page = portal_page(["某镇2023年法治政府建设工作报告", "一、主要举措", "（一）加强领导，完善制度。"])
    path.write_text(page, encoding="utf-8")
    result = lint_path(path, ALL)
    furniture = [d for d in result.diagnostics if d.code == "FZ305"]
    assert [result.source.line(d.line)[:5] for d in furniture] == ["发布时间："]


# ---- the HTML report --------------------------------------------------------------------------

class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.marks, self.items, self.rows, self._in = [], [], [], 0, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark" and "title" in attrs:
            self.marks.append([attrs["title"], ""])
            self._in = "mark"
        elif tag == "li":
            self.items.append("")
            self._in = "li"
        elif tag == "tr":
            self.rows += 1

    def handle_endtag(self, tag):
        if tag in ("mark", "li"):
            self._in = None

    def handle_data(self, data):
        if self._in == "mark":
            self.marks[-1][1] += data
        elif self._in == "li":
            self.items[-1] += data


def report(tmp_path, *paths) -> tuple[str, _Collect]:
    out = tmp_path / "报告.html"
    r = CliRunner().invoke(app, ["check", "--ignore", "FZ7", *map(str, paths), "--format", "html", "-o", str(out)])
    assert r.exit_code in (0, 1), r.output
    html = out.read_text(encoding="utf-8")
    parsed = _Collect()
    parsed.feed(html)
    return html, parsed


def test_html_report_marks_each_finding_in_place(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text("某镇2023年法治政府建设工作报告\n一、主要举措\n（一）加强领导。\n（三）完善制度<b>。\n、存在的问题\n", encoding="utf-8")
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"")
    html, parsed = report(tmp_path, draft, bad)
    found = lint_path(draft, ALL).diagnostics
    assert len(parsed.items) == len(found) >= 2
    assert {title for title, _ in parsed.marks} >= {"FZ101", "FZ102"}
    assert ["FZ101", "（三）"] in parsed.marks and ["FZ102", "、"] in parsed.marks
    assert any("此处应为“（二）”" in item for item in parsed.items)
    assert any("建议修改：“、”→“二、”" in item for item in parsed.items)
    assert "完善制度&lt;b&gt;。" in html  # the text is escaped
    assert "文件为空" in html  # unreadable files are reported, not skipped
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in parsed.tags
    assert not any(tag == "script" for tag, _ in parsed.tags)
    assert not any(v and v.startswith(("http:", "https:", "//")) for _, a in parsed.tags for v in a.values())
    assert parsed.rows >= 3  # the summary by rule: a header and one row per rule


def test_html_report_shows_word_numbering_as_automatic(tmp_path):
    from tests.docx_helpers import CHINESE_LEVELS, add_list, build

    path = build(tmp_path / "d.docx", [(90, 0, "主要举措"), (90, 1, "加强领导"), "（三）完善制度"],
                 setup=lambda d: add_list(d, CHINESE_LEVELS))
    html, parsed = report(tmp_path, path)
    assert '<span class="auto" title="Word 自动编号">一、</span>' in html
    assert ["FZ101", "（三）"] in parsed.marks


@pytest.mark.skipif(shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
                    reason="headless Chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("width", [1280, 390])
def test_html_report_renders_in_chromium(tmp_path, width):
    html, _ = report(tmp_path, SAMPLE.with_suffix(".docx"), SAMPLE)
    shot = tmp_path / f"report-{width}.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
                    f"--window-size={width},2400", (tmp_path / "报告.html").as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000


def test_suggestions_spread_over_the_text_are_summarised():
    from fazhilint.diagnostics import Diagnostic, Edit, Fix
    from fazhilint.report import suggestion

    text = "甲,乙\n" + "丙" * 80 + ",丁"
    spread = Diagnostic("FZ203", "x", 1, 2, "m", Fix.safe(Edit(1, 2, "，"), Edit(len(text) - 2, len(text) - 1, "，")))
    assert suggestion(spread, text) == "建议修改（共 2 处）：“,”→“，”"
    local = Diagnostic("FZ102", "x", 0, 1, "m", Fix.unsafe(Edit(0, 0, "二")))
    assert suggestion(local, "、存在的问题") == "建议修改：“、”→“二、”"
    gone = Diagnostic("FZ305", "x", 0, 4, "m", Fix.unsafe(Edit(0, 4, "")))
    assert suggestion(gone, "相关稿件") == "建议删除：“相关稿件”"
