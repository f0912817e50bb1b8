"""An Excel workbook the county office can send on: 汇总 (one row per submission and per unit that
did not submit, worst first), 问题明细 (every finding with its place, words and correction),
规则统计, 抄袭与重复 (FZ601/FZ602 paragraph by paragraph) and, when there are any, 跳过的文件.

Every sheet has a title row (batch year, date), a frozen header with filters, widths that fit
Chinese text, and prints on A4 landscape, fitted to the page width.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from fazhilint.report import excerpt, label, main_problems, place, suggestion

HEADER_ROW = 2  # row 1 is the title
_VERDICT_FILL = {"通过": "E2EFDA", "需修改": "FFF2CC", "未报送": "F8CBAD", "无法读取": "F8CBAD"}


def render(results, out, context) -> None:
    from openpyxl import Workbook

    from fazhilint import ledger as ledger_module
    from fazhilint.config import Config

    ledger = context.ledger or ledger_module.build(results, Config(select=("FZ0",)))
    book = Workbook()
    title = _title(ledger)
    _summary(book.active, ledger, title)
    _details(book.create_sheet("问题明细"), ledger, title)
    _rules(book.create_sheet("规则统计"), ledger, title)
    _shared(book.create_sheet("抄袭与重复"), ledger, title)
    if ledger.skipped:
        sheet = book.create_sheet("跳过的文件")
        _table(sheet, title, ["文件", "原因"], ledger.skipped, (60, 50))
    book.save(out)


def _title(ledger) -> str:
    year = f"{ledger.year}年度" if ledger.year else ""
    n = ledger.counts()
    parts = [f"共 {len(ledger.submissions)} 份", f"通过 {n['通过']}", f"需修改 {n['需修改']}"]
    if n["无法读取"]:
        parts.append(f"无法读取 {n['无法读取']}")
    if ledger.roster is not None:
        parts.append(f"未报送 {n['未报送']} 个单位")
    return f"{year}报告检查汇总（{'，'.join(parts)}）    生成日期：{datetime.date.today():%Y年%m月%d日}"


def _summary(sheet, ledger, title) -> None:
    sheet.title = "汇总"
    rows, fills = [], []
    for row in ledger.rows():
        if isinstance(row, str):  # a roster unit that did not submit
            rows.append([row, "", "", "", "未报送", None, None, "", "名单中的单位，未收到报告"])
            fills.append("未报送")
            continue
        s = row
        notes = []
        if s.on_roster is False:
            notes.append("不在单位名单中")
        if s.unit_from in ("落款", "文件名"):
            notes.append(f"单位取自{s.unit_from}")
        elif not s.unit:
            notes.append("未能识别单位")
        if getattr(s.result, "suppressed", 0):
            notes.append(f"另有 {s.result.suppressed} 个问题已按注明的理由忽略")
        diagnostics = s.result.diagnostics
        rows.append([s.name, s.path, f"{s.year}年度" if s.year else "", s.profile, s.status,
                     s.count(_severity("error")), s.count(_severity("warning")),
                     main_problems(diagnostics) if s.result.readable else diagnostics[0].message if diagnostics else "",
                     "；".join(notes)])
        fills.append(s.status)
    _table(sheet, title, ["单位", "文件", "报告年度", "类型", "结论", "错误", "警告", "主要问题", "备注"], rows,
           (16, 36, 10, 20, 9, 7, 7, 48, 22))
    from openpyxl.styles import PatternFill

    for i, verdict in enumerate(fills, HEADER_ROW + 1):
        sheet.cell(i, 5).fill = PatternFill("solid", fgColor=_VERDICT_FILL[verdict])


def _severity(name):
    from fazhilint.diagnostics import Severity

    return Severity[name.upper()]


def _details(sheet, ledger, title) -> None:
    rows = []
    for s in ledger.rows():
        if isinstance(s, str):
            continue
        r = s.result
        for d in r.diagnostics:
            fix = suggestion(d, r.source.text) if d.fix and r.source is not None else ""
            rows.append([s.name, s.path, place(d, r), d.severity.chinese, d.message, excerpt(d, r.source), fix,
                         f"{d.code} {label(d.code)}"])
    _table(sheet, title, ["单位", "文件", "位置", "级别", "问题", "原文", "建议修改", "规则"], rows,
           (14, 28, 26, 6, 60, 36, 36, 22), wrap=(5, 6, 7))


def _rules(sheet, ledger, title) -> None:
    from fazhilint.rules import rule_by_code

    findings, files, units, severity = Counter(), defaultdict(set), defaultdict(set), {}
    for s in ledger.submissions:
        for d in s.result.diagnostics:
            findings[d.code] += 1
            files[d.code].add(s.path)
            units[d.code].add(s.name)
            severity[d.code] = d.severity.chinese
    rows = []
    for code, n in sorted(findings.items(), key=lambda x: (-x[1], x[0])):
        rule = rule_by_code(code)
        rows.append([code, label(code), severity[code], n, len(files[code]), len(units[code]),
                     rule.summary if rule else ""])
    _table(sheet, title, ["代码", "问题", "级别", "问题数", "文件数", "单位数", "说明"], rows,
           (8, 26, 6, 8, 8, 8, 60), wrap=(7,))


def _shared(sheet, ledger, title) -> None:
    kinds = {"FZ601": "与他单位雷同", "FZ602": "重复上年报告"}
    rows, seen = [], set()
    for x in ledger.shared:  # a copy between two units is found from both sides: one row is enough
        if (x.other_path, x.other_line, x.path, x.line) in seen:
            continue
        seen.add((x.path, x.line, x.other_path, x.other_line))
        rows.append([kinds[x.code], x.unit, x.path, x.location, x.other_unit, x.other_path, x.other_location,
                     f"{x.similarity:.0%}", x.text])
    _table(sheet, title, ["类型", "单位", "文件", "位置", "对方单位", "对方文件", "对方位置", "相似度", "相同的段落"],
           rows, (14, 14, 28, 22, 14, 28, 22, 8, 70), wrap=(9,))


def _table(sheet, title, header, rows, widths, wrap=()) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.append([title])
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="305496")
    for cell in sheet[HEADER_ROW]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
    for i, width in enumerate(widths, 1):
        values = [_cells(r[i - 1]) for r in rows[:500] if i - 1 < len(r)] + [_cells(header[i - 1])]
        fitted = max(values, default=width) + 2
        sheet.column_dimensions[get_column_letter(i)].width = min(width, fitted) if i in wrap else min(max(fitted, 6), width)
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=cell.column in wrap, vertical="top")
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    last = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(rows), 1)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _cells(value) -> int:
    """Excel column width units a value needs: a CJK character takes two."""
    text = "" if value is None else str(value)
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)
