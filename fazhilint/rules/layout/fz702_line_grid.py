"""FZ702: 每页行数、每行字数."""

from __future__ import annotations

import math

from fazhilint.diagnostics import Severity
from fazhilint.rules.layout import LayoutRule, clause, formats, grid_problems, items, runs, spacing_lines, text_area

NATURAL = 1.3  # a CJK font's single line height, in multiples of its size (an estimate: fonts differ)


class LineGrid(LayoutRule):
    """正文每页不是 22 行、每行不是 28 字（提醒）。

    说明：
        公文一般每面排 22 行、每行排 28 个字，并撑满版心。行数按正文段落的行距算：固定行距直接用，
        “单倍行距”等按文档网格（页面设置中的“指定行和字符网格”）算，没有网格时按字号估算；
        字数按正文字号、字符间距（紧缩、加宽）和字符网格算。版心按标准的 156×225 毫米计（页边距另由 FZ701 检查）。
        标准说“特定情况可以作适当调整”，所以只作提醒；县（区）习惯用固定行距 28—30 磅的，
        在版式规则包的 grid 条目中写 fixed-spacing = [29] 即可。每份文档报告一次，在第一个正文段。
    为何：
        3号字在 156 毫米的版心里只排得下 27 个字，要排 28 字须设字符网格；固定行距 29 磅只排得下 21 行。
    反例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。〔固定行距29磅〕
    正例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。
    依据：
        GB/T 9704—2012《党政机关公文格式》5.2.3（一般每面排22行，每行排28个字，并撑满版心。
        特定情况可以作适当调整）；3.2（行的定义）。
    """

    code = "FZ702"
    name = "line-grid"
    summary = "正文应每页 22 行、每行 28 字（提醒：可作适当调整）"
    severity = Severity.WARNING

    def check_layout(self, doc, prof):
        entry = prof.one("grid")
        body = next((i for i in items(doc) if i.role == "body"), None)
        if entry is None or body is None:
            return
        fmt = formats(doc)
        sections = fmt.sections()
        if not sections:
            return
        section = sections[0]  # the body's first paragraph is in the first section
        para = fmt.paragraph(body.line.p)
        first = next(runs(body), None)
        run = fmt.run(first[2], body.line.p) if first else para.mark
        size = run.size or para.mark.size or 10.5
        width, height = text_area(prof)
        grid = section.grid_type in ("lines", "linesAndChars", "snapToChars") and section.line_pitch
        fixed = None
        if para.line_rule == "exact" and para.line:
            pitch = fixed = para.line
        elif para.line_rule == "atLeast" and para.line:
            pitch = max(para.line, size * NATURAL)
        else:
            multiple = para.line or 1.0
            if grid and para.snap_to_grid:
                pitch = section.line_pitch * max(multiple, math.ceil(size * NATURAL / section.line_pitch - 0.01))
            else:
                pitch = size * NATURAL * multiple
        char_pitch = size + run.spacing  # condensed or expanded characters
        if section.grid_type in ("linesAndChars", "snapToChars"):
            char_pitch = (para.mark.size or size) + section.char_space / 4096
        lines, chars = spacing_lines(pitch, height), int(width / char_pitch + 1e-6)
        problems = grid_problems(entry, lines, chars, fixed)
        if problems:
            yield self.at(body, 0, len(body.text.rstrip()),
                          f"版面：正文{'，'.join(problems)}（{clause(entry)}，可作适当调整）")
