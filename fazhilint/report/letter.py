"""``--per-unit 反馈/``: a folder for each unit, ready to send: its annotated .docx (one Word
comment per finding, as --annotate writes it) where it submitted a .docx, and a one-page HTML
letter listing its findings in Chinese."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from html import escape
from pathlib import Path, PurePath

from fazhilint.report import excerpt, label, place, suggestion

LETTER = "反馈意见.html"
GROUP = 1  # a problem found more often than this is one row with its places (the letter fits one page)
DENSE = ' class="dense"'  # many kinds of problem: a smaller type keeps the letter on one page
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

_CSS = """
@page{size:A4;margin:12mm 13mm}
*{box-sizing:border-box}
body{margin:0;font:14px/1.6 "Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif;color:#1f2328;background:#fff}
main{max-width:50em;margin:0 auto;padding:.6em 1em 0}
h1{font-size:1.3em;text-align:center;margin:.2em 0 .7em;letter-spacing:.05em}
p{margin:.4em 0;text-indent:2em}p.to{text-indent:0}p.sign{text-align:right;margin:.4em 0 0;text-indent:0}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.8em 0;font:12.5px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif}
th,td{border:1px solid #c9ced6;padding:.25em .4em;text-align:left;vertical-align:top;word-break:break-all}
table.dense{font-size:11px;line-height:1.35}table.dense td{padding:.15em .35em}
col.n{width:2.6em}col.where{width:9.5em}col.quote,col.fix{width:22%}
th{background:#eef1f5;white-space:nowrap}td.n{text-align:center;white-space:nowrap}
.sev-error{color:#c62828;font-weight:bold}.sev-warning{color:#b26a00;font-weight:bold}.sev-info{color:#1565c0}
.fix{color:#166534}.where{color:#4b5563}.quote{color:#4b5563}
.verdict{font-weight:bold}.ok{color:#166534}.bad{color:#c62828}
@media print{main{padding:0}}
"""


def folder_name(unit: str) -> str:
    return _UNSAFE.sub("_", unit).strip(" .") or "未识别单位"


def write_per_unit(ledger, folder: Path) -> dict[str, int]:
    """One folder per unit under ``folder``; returns what was written (units, letters, annotated)."""
    from fazhilint.annotate import AnnotateError, annotate
    from fazhilint.fix import write_atomic

    by_unit = defaultdict(list)
    for s in ledger.submissions:
        key = s.name if s.unit or s.listed else f"未识别单位_{PurePath(s.path).stem}"
        by_unit[key].append(s)
    for unit in ledger.missing:
        by_unit.setdefault(unit, [])
    written = {"units": 0, "letters": 0, "annotated": 0}
    for unit, submissions in by_unit.items():
        target = folder / folder_name(unit)
        target.mkdir(parents=True, exist_ok=True)
        written["units"] += 1
        names = set()
        for s in submissions:
            r = s.result
            if r.readable and r.source.kind == "docx" and r.diagnostics:
                name = _unique(f"{PurePath(s.path).stem}.批注.docx", names)
                try:
                    annotate(r, target / name)
                    written["annotated"] += 1
                except (AnnotateError, OSError):
                    pass  # the letter still lists every finding
        write_atomic(target / LETTER, letter(unit, submissions, ledger).encode("utf-8"))
        written["letters"] += 1
    return written


def _unique(name: str, taken: set) -> str:
    stem, n = name, 2
    while name in taken:
        name = stem.replace(".批注.docx", f"（{n}）.批注.docx")
        n += 1
    taken.add(name)
    return name


def letter(unit: str, submissions, ledger) -> str:
    """The one-page letter to a unit: verdict, then its findings (frequent ones grouped)."""
    year = f"{ledger.year}年度" if ledger.year else ""
    out = ['<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>{escape(unit)} 反馈意见</title><style>{_CSS}</style></head><body><main>",
           f"<h1>关于{escape(unit)}{year}法治政府建设报告的反馈意见</h1>",
           f'<p class="to">{escape(unit)}：</p>']
    if not submissions:
        out.append(f"<p>截至本次汇总，未收到你单位{year}法治政府建设报告。请尽快报送。</p>")
    for s in submissions:
        out.extend(_submission(s))
    out.append(f'<p class="sign">{datetime.date.today():%Y年%m月%d日}</p></main></body></html>\n')
    return "\n".join(out)


def _submission(s) -> list[str]:
    r = s.result
    title = r.facts.title
    file = escape(PurePath(s.path).name)
    name = f"《{escape(title)}》（文件“{file}”）" if title else f"文件“{file}”"
    if not r.readable:
        reason = r.diagnostics[0].message if r.diagnostics else "无法读取"
        return [f'<p>你单位报送的{name}<span class="verdict bad">无法读取</span>：{escape(reason)}。请重新报送。</p>']
    errors = sum(d.severity.label == "error" for d in r.diagnostics)
    warnings = sum(d.severity.label == "warning" for d in r.diagnostics)
    if not r.diagnostics:
        return [f'<p>你单位报送的{name}经检查，<span class="verdict ok">未发现问题</span>，予以接收。</p>']
    verdict = "需修改" if s.status == "需修改" else "可以接收"
    cls = "bad" if s.status == "需修改" else "ok"
    out = [f'<p>你单位报送的{name}经检查，结论为<span class="verdict {cls}">{verdict}</span>。'
           f"共发现问题 {len(r.diagnostics)} 处（错误 {errors} 处，警告 {warnings} 处），"
           f"请对照下表逐项修改{'（带批注的 Word 文件一并附上）' if r.source.kind == 'docx' else ''}后重新报送。</p>",
           f"<table{DENSE if len({d.code for d in r.diagnostics}) > 10 else ''}>"
           '<colgroup><col class="n"><col class="where"><col><col class="quote"><col class="fix"></colgroup>'

           "<thead><tr><th>序号</th><th>位置</th><th>问题</th><th>原文</th><th>建议修改</th></tr></thead><tbody>"]
    by_code = defaultdict(list)
    for d in r.diagnostics:
        by_code[d.code].append(d)
    n = 0
    for code, found in by_code.items():
        if len(found) > GROUP:
            n += 1
            lines = list(dict.fromkeys(d.line for d in found))
            places = "、".join(f"第{line}{r.source.line_unit}" for line in lines[:6]) + ("等" if len(lines) > 6 else "")
            d = found[0]
            fix = suggestion(d, r.source.text) if d.fix else ""
            out.append(f'<tr><td class="n">{n}</td><td class="where">{places}</td>'
                       f'<td><span class="sev-{d.severity.label}">{escape(label(code))}×{len(found)}</span>：'
                       f"{escape(_clip(d.message))}</td><td class=\"quote\">{escape(excerpt(d, r.source, 20))}</td>"
                       f'<td class="fix">{escape(fix)}</td></tr>')
            continue
        for d in found:
            n += 1
            fix = suggestion(d, r.source.text) if d.fix else ""
            out.append(f'<tr><td class="n">{n}</td><td class="where">{escape(place(d, r))}</td>'
                       f'<td><span class="sev-{d.severity.label}">{d.severity.chinese}</span> {escape(_clip(d.message))}</td>'
                       f'<td class="quote">{escape(excerpt(d, r.source, 20))}</td><td class="fix">{escape(fix)}</td></tr>')
    out.append("</tbody></table>")
    return out


def _clip(message: str, width: int = 120) -> str:
    """A message short enough for a one-page letter (the annotated copy has every detail)."""
    return message if len(message) <= width else message[:width] + "……"
