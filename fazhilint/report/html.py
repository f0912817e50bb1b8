"""One self-contained HTML page: each document with its findings highlighted in place.

No script, no network: inline CSS only, readable on a phone. Per file: a
summary by rule, then every paragraph, the offending characters marked and
numbered, each paragraph followed by its findings' Chinese messages.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from fazhilint.diagnostics import printable

from fazhilint.report import main_problems, profile, suggestion, summary_line

CSS = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--ink:#1f2328;--muted:#6b7280;--line:#e5e7eb}
*{box-sizing:border-box}
body{margin:0;font:17px/1.75 "Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif;color:var(--ink);background:#f6f7f9}
main{max-width:52em;margin:0 auto;padding:1em 1.2em 3em}
h1{font-size:1.35em;margin:.6em 0 .2em}h2{font-size:1.15em;margin:0;word-break:break-all}
.summary-line{color:var(--muted);margin:0 0 1em}
.profile{color:var(--muted);margin:.2em 0 .6em}
section.file{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1em 1.2em;margin:1em 0}
table{border-collapse:collapse;width:100%;margin:.6em 0 1em;font-size:.9em}
th,td{border-bottom:1px solid var(--line);padding:.3em .5em;text-align:left;vertical-align:top}
td.n{text-align:right;white-space:nowrap}
.doc p{margin:.2em 0;padding:.1em .4em .1em 3.2em;position:relative;white-space:pre-wrap;word-wrap:break-word}
.doc p .ln{position:absolute;left:0;width:2.6em;text-align:right;color:var(--muted);font-size:.75em;line-height:2.3}
.doc p.hit{background:#fffbea}
mark{background:#ffe1e1;border-bottom:2px solid var(--err);padding:0 .05em;color:inherit}
mark.warning{background:#fff1d6;border-color:var(--warn)}mark.info{background:#e3efff;border-color:var(--info)}
mark.empty{border-left:2px solid var(--err);background:none;padding:0}
.auto{color:var(--muted);border-bottom:1px dotted var(--muted)}
sup.tag{font:bold .62em/1 sans-serif;color:#fff;background:var(--err);border-radius:.8em;padding:.1em .4em;margin-left:.1em}
sup.tag a{color:inherit;text-decoration:none}
sup.tag.warning{background:var(--warn)}sup.tag.info{background:var(--info)}
ol.findings{margin:.2em 0 .8em 3.2em;padding:0 0 0 1.2em;font:15px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif}
ol.findings li{margin:.2em 0}
.code{font-family:ui-monospace,monospace;font-size:.85em;color:var(--muted)}
.sev{font-weight:bold}th,td.sev,td.n,td.code{white-space:nowrap}.sev.error{color:var(--err)}.sev.warning{color:var(--warn)}.sev.info{color:var(--info)}
.fix{color:#166534}.where{color:var(--muted);font-size:.9em}
.unreadable{color:var(--err)}
@media (max-width:600px){
 body{font-size:16px}main{padding:.5em .5em 2em}section.file{padding:.8em .7em;border-radius:0;margin:.6em -.5em}
 .doc p{padding-left:2em}.doc p .ln{width:1.7em}ol.findings{margin-left:.2em;padding-left:1.8em;font-size:14px}
}
table.index td.unit{white-space:nowrap;font-weight:bold}table.index td.path{word-break:break-all;min-width:8em}table.index td:nth-child(3){min-width:6em}
.st{white-space:nowrap;font-weight:bold}.st-通过{color:#166534}.st-需修改{color:var(--warn)}.st-未报送,.st-无法读取{color:var(--err)}
.meta{color:var(--muted);margin:.1em 0 .6em;font-size:.92em}.notes{color:var(--muted);font-size:.92em}
@media print{body{background:#fff}section.file{border:0}}
"""


def render(results, out, context) -> None:
    out.write('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
              '<meta name="viewport" content="width=device-width, initial-scale=1">'
              f"<title>fazhilint 检查报告</title><style>{CSS}</style></head><body><main>\n"
              f'<h1>fazhilint 检查报告</h1><p class="summary-line">{escape(summary_line(results, context))}</p>\n')
    ledger = context.ledger
    anchors = {id(r): f"file-{i}" for i, r in enumerate(results, 1)}
    by_result = {id(s.result): s for s in ledger.submissions} if ledger is not None else {}
    if ledger is not None and (len(results) > 1 or ledger.missing or ledger.skipped):
        _index(ledger, out, anchors)
    number = 0
    for result in results:
        number = render_file(result, out, number, anchors[id(result)], by_result.get(id(result)))
    out.write("</main></body></html>\n")


def _index(ledger, out, anchors) -> None:
    """The batch at a glance: each unit's verdict and counts, worst first, linked to its report."""
    n = ledger.counts()
    year = f"{ledger.year}年度" if ledger.year else ""
    parts = [f"通过 {n['通过']}", f"需修改 {n['需修改']}", f"无法读取 {n['无法读取']}"]
    if ledger.roster is not None:
        parts.append(f"未报送 {n['未报送']}")
    out.write(f'<section class="file" id="index"><h2>{year}各单位报送情况（共 {len(ledger.submissions)} 份：'
              f"{escape('，'.join(parts))}）</h2>\n<table class=\"index\"><thead><tr><th>单位</th><th>文件</th>"
              "<th>类型</th><th>结论</th><th>错误</th><th>警告</th><th>主要问题</th></tr></thead><tbody>")
    for row in ledger.rows():
        if isinstance(row, str):
            out.write(f'<tr><td class="unit">{escape(row)}</td><td class="path">—</td><td></td>'
                      f'<td class="st st-未报送">未报送</td><td></td><td></td><td></td></tr>')
            continue
        r = row.result
        problems = main_problems(r.diagnostics) if r.readable else (r.diagnostics[0].message if r.diagnostics else "")
        note = "（不在名单中）" if row.on_roster is False else ""
        out.write(f'<tr><td class="unit">{escape(row.name)}{note}</td>'
                  f'<td class="path"><a href="#{anchors[id(r)]}">{escape(row.path)}</a></td>'
                  f"<td>{escape(row.profile)}</td><td class=\"st st-{row.status}\">{row.status}</td>"
                  f'<td class="n">{row.count(_sev("error"))}</td><td class="n">{row.count(_sev("warning"))}</td>'
                  f"<td>{escape(problems)}</td></tr>")
    out.write("</tbody></table>\n")
    if ledger.skipped:
        out.write('<p class="notes">已跳过（不是报告）：' + "；".join(
            f"{escape(path)}（{escape(reason)}）" for path, reason in ledger.skipped) + "</p>\n")
    out.write("</section>\n")


def _sev(name):
    from fazhilint.diagnostics import Severity

    return Severity[name.upper()]


def render_file(result, out, number: int, anchor: str = "", submission=None) -> int:
    """One file's section; in a batch, headed by its unit, verdict and profile and linked from the index."""
    anchor = f' id="{anchor}"' if anchor else ""
    if submission is not None:
        year = f" · {submission.year}年度" if submission.year else ""
        kind = f" · 按“{submission.profile}”检查" if submission.profile else ""
        out.write(f'<section class="file"{anchor}><h2>{escape(submission.name)}：{escape(result.path)}</h2>\n'
                  f'<p class="meta">结论：<span class="st st-{submission.status}">{submission.status}</span>{year}{kind}'
                  f' · <a href="#index">返回目录</a></p>\n')
    else:
        out.write(f'<section class="file"{anchor}><h2>{escape(result.path)}</h2>\n')
        if profile(result) is not None:
            out.write(f'<p class="meta profile">报告类型：{escape(profile(result).profile_name)}</p>\n')
    diagnostics = result.diagnostics
    if result.source is None:
        for d in diagnostics:
            out.write(f'<p class="unreadable">{escape(d.message)}（{d.code}）</p>\n')
        out.write("</section>\n")
        return number
    if not diagnostics:
        out.write("<p>未发现问题。</p></section>\n")
        return number
    from fazhilint.rules import rule_by_code

    by_rule = Counter((d.code, d.severity) for d in diagnostics)
    out.write("<table><thead><tr><th>规则</th><th>问题类型</th><th>级别</th><th>数量</th></tr></thead><tbody>")
    for (code, severity), n in sorted(by_rule.items(), key=lambda x: x[0][0]):
        rule = rule_by_code(code)
        out.write(f'<tr><td class="code">{code}</td><td class="name">{escape(rule.summary if rule else code)}</td>'
                  f'<td class="sev {severity.label}">{severity.chinese}</td><td class="n">{n}</td></tr>')
    out.write("</tbody></table>\n<div class=\"doc\">\n")
    numbered = []
    for d in diagnostics:
        number += 1
        numbered.append((number, d))
    by_line: dict[int, list] = {}
    for n, d in numbered:
        by_line.setdefault(d.line, []).append((n, d))
    source = result.source
    # The later lines of a finding over several lines (a block of page furniture) are shaded too.
    within = {line for _, d in numbered for line in range(d.line + 1, d.end_line + 1)}
    for line_no in range(1, len(source.line_starts) + 1):
        found = by_line.get(line_no, [])
        text = source.line(line_no)
        if not text.strip() and not found:
            continue
        cls = ' class="hit"' if found or line_no in within else ""
        out.write(f'<p id="p{line_no}"{cls}><span class="ln">{line_no}</span>{_marked(source, line_no, found)}</p>\n')
        if found:
            out.write('<ol class="findings">')
            for n, d in found:
                out.write(f'<li value="{n}" id="f{n}">{_finding(d, source)}</li>')
            out.write("</ol>\n")
    out.write("</div></section>\n")
    return number


def _marked(source, line_no: int, found) -> str:
    """The line's text with each finding's span in a <mark> and its number after it."""
    first = source.line_starts[line_no - 1]
    text = source.line(line_no)
    rendered = [(max(s - first, 0), e - first) for s, e in source.rendered if first <= e and s <= first + len(text)]
    cuts = {0, len(text)}
    spans = []
    for n, d in found:
        s = max(0, d.start - first)
        e = min(len(text), d.end - first) if d.end_line == d.line else len(text)
        spans.append((s, e, n, d))
        cuts.update((s, e))
    for s, e in rendered:
        cuts.update((s, min(e, len(text))))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    html = []
    for a, b in zip(cuts, cuts[1:]):
        html.extend(_tag(n, d) for s, e, n, d in spans if s == e == a)  # insertion points
        covering = [x for x in spans if x[0] <= a and b <= x[1] and x[0] < x[1]]
        html.append(_piece(text[a:b], covering, any(s <= a and b <= e for s, e in rendered)))
        html.extend(_tag(n, d) for s, e, n, d in spans if s < e == b)
    html.extend(_tag(n, d) for s, e, n, d in spans if s == e == len(text))
    return "".join(html)


def _piece(chunk: str, covering, auto: bool) -> str:
    body = escape(printable(chunk))
    if auto:
        body = f'<span class="auto" title="Word 自动编号">{body}</span>'
    if covering:
        worst = max(covering, key=lambda x: x[3].severity)[3].severity.label
        codes = " ".join(x[3].code for x in covering)
        body = f'<mark class="{worst}" title="{codes}">{body}</mark>'
    return body


def _tag(n: int, d) -> str:
    empty = '<mark class="empty"></mark>' if d.start == d.end else ""
    return f'{empty}<sup class="tag {d.severity.label}"><a href="#f{n}">{n}</a></sup>'


def _finding(d, source) -> str:
    where = f' <span class="where">{escape(d.location)}</span>' if d.location else ""
    text = (f'<span class="sev {d.severity.label}">{d.severity.chinese}</span> {escape(d.message)} '
            f'<span class="code">{d.code}</span>{where}')
    if d.fix:
        text += f'<br><span class="fix">{escape(suggestion(d, source.text))}</span>'
    return text
