"""FZ706: 段首缩进."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit
from fazhilint.rules.layout import Found, LayoutRule, clause, formats, items, note_prefix, runs, width_chars

_LEADING = re.compile(r"^[ \u3000\u00a0\t]+")


class ParagraphIndent(LayoutRule):
    """段首缩进不是 2 个字，或用空格代替首行缩进、在缩进之上又键入空格。

    说明：
        正文每个自然段左空二字、回行顶格，应在“段落—缩进—特殊格式”中设首行缩进 2 字符；
        标题、附件说明（“附件：”一行）同样左空二字，主送机关居左顶格（不缩进）；另起一行的第二个
        及以后的附件（“2.××××”）与第一个附件的序号对齐，即左空二字再加“附件：”的宽度（设左侧缩进）。
        一个附件名称过长在段内回行的对齐，不查。段首键入的空格（半角、全角）、制表符
        不是缩进：字号一变就不再是两个字宽；已设了首行缩进又键入空格，就缩进了四个字。
        键入的空格可以直接删除（修复建议）。Word 自动编号的标题不看段首空格。
    为何：
        用空格顶出来的缩进在别的电脑、别的字体下会参差不齐，合稿时最容易露出来。
    反例：
        关于2024年度法治政府建设情况的报告
        　　今年以来，我镇深入推进法治政府建设。
        ---
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。〔缩进0字〕
    正例：
        关于2024年度法治政府建设情况的报告
        今年以来，我镇深入推进法治政府建设。
    依据：
        GB/T 9704—2012《党政机关公文格式》7.3.3（正文……每个自然段左空二字，回行顶格）、
        7.3.2（主送机关居左顶格）、7.3.4（附件说明左空二字；回行时与上一行附件名称的首字对齐）；3.1（“字”指一个汉字宽度的距离）。
    """

    code = "FZ706"
    name = "paragraph-indent"
    summary = "段首应设首行缩进 2 字符，不用空格顶格；主送机关顶格"
    fix = Applicability.SAFE

    def check_layout(self, doc, prof):
        fmt = formats(doc)
        found = []
        notes = []
        note = None  # the width of the “附件：” that opens the attachment note, in characters
        for item in items(doc):
            entry = prof.element(item.role, item.level)
            if entry is None or entry.get("indent") is None:
                continue
            para = fmt.paragraph(item.line.p)
            first = next(runs(item), None)
            size = (fmt.run(first[2], item.line.p).size if first else None) or para.mark.size
            if item.role == "attachment-note" and not item.indented:
                if note is not None:  # each on its own: a style-wide change would move the body too
                    notes.extend(_aligned(item, para, size, entry["indent"] + note, clause(entry)))
                continue
            note = note_prefix(item.text) if item.role == "attachment-note" else None
            indent = para.indent_chars(size)
            typed = _LEADING.match(item.text) if not item.line.rendered else None
            want = entry["indent"]
            if typed:
                s, e = typed.span()
                spaces = _describe(typed.group())
                if abs(indent) > 0.25:
                    why = f"已设首行缩进{indent:g}字，段首又键入了{spaces}"
                else:
                    why = f"段首用{spaces}代替首行缩进"
                advice = f"应删去空格，设首行缩进{want}字" if want else "应删去空格，顶格"
                found.append(Found(item, s, e, item.name(), item.quote(), f"{why}，{advice}", clause(entry),
                                   (Edit(item.offset + s, item.offset + e, ""),)))
            elif abs(indent - want) > 0.25:
                shown = f"{indent:.1f}".removesuffix(".0")
                found.append(Found(item, 0, len(item.text.rstrip()), item.name(), item.quote(),
                                   f"首行缩进{shown}字，应为{want}字", clause(entry)))
        yield from self.collapse(doc, found)
        for f in notes:
            yield self.at(f.item, f.start, f.end, f"{f.what}“{f.quote}”{f.problem}（{f.clause}）")


def _aligned(item, para, size, want: float, where: str):
    """A further attachment on a line of its own not starting under the first one's number or name."""
    typed = _LEADING.match(item.text) if not item.line.rendered else None
    start = para.side_chars("left", size) + para.indent_chars(size) + (width_chars(typed.group()) if typed else 0)
    if abs(start - want) > 0.5:
        problem = (f"左空{start:.1f}".removesuffix(".0") + f"字，未与第一个附件对齐（应左空{want:g}字，"
                   f"设左侧缩进）")
        yield Found(item, 0, len(item.text.rstrip()), "附件说明", item.quote(), problem, where)


def _describe(spaces: str) -> str:
    names = {" ": "空格", "\u3000": "全角空格", "\u00a0": "空格", "\t": "制表符"}
    kinds = sorted({names[c] for c in spaces})
    return f"{len(spaces)}个{'、'.join(kinds)}" if len(kinds) == 1 else f"{len(spaces)}个空白字符（{'、'.join(kinds)}）"
