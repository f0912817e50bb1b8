"""An Excel workbook for a county office: one row per submitted file, then every finding."""

from __future__ import annotations

from collections import Counter


def render(results, out, context) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from fazhilint.report import profile

    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["文件", "报告标题", "报告类型", "结论", "错误", "警告", "提示", "已忽略", "主要问题"])
    for r in results:
        by_severity = Counter(d.severity.label for d in r.diagnostics)
        top = Counter(d.code for d in r.diagnostics).most_common(3)
        title = r.document.title.text.strip() if r.document and r.document.title else ""
        verdict = "无法读取" if not r.readable else ("有错误" if by_severity["error"] else "通过" if not r.diagnostics else "有警告或提示")
        kind = profile(r).name if profile(r) is not None else ""
        summary.append([r.path, title, kind, verdict, by_severity["error"], by_severity["warning"], by_severity["info"],
                        r.suppressed, "、".join(f"{code}×{n}" for code, n in top)])
    details = book.create_sheet("明细")
    details.append(["文件", "行", "列", "位置", "代码", "规则", "级别", "说明"])
    for r in results:
        for d in r.diagnostics:
            details.append([d.path, d.line, d.column, d.location or "", d.code, d.name, d.severity.chinese, d.message])

    header = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="305496")
    for sheet, widths in ((summary, (40, 40, 22, 14, 8, 8, 8, 8, 30)), (details, (40, 6, 6, 24, 8, 28, 6, 80))):
        for cell in sheet[1]:
            cell.font, cell.fill = header, fill
        for column, width in zip("ABCDEFGHI", widths):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    for row in details.iter_rows(min_row=2, min_col=8, max_col=8):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    book.save(out)
