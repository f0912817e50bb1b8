"""FZ304: 固定的错词替换."""

from __future__ import annotations

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rules.wording import PackRule, found_text


class TermSubstitution(PackRule):
    """固定的错词：截止目前、历届全会、督查工作规定、××县县委。

    说明：
        规则包表 term-substitution 中每个条目是一组“错 → 对”及其使用语境（正则），
        例如“截止目前”→“截至目前”，“党的十九大和历届全会”→“历次全会”，
        《法治政府建设与责任落实督查工作规定》→“督察”，“××县县委”→“××县委”。
        条目写明 safe = true 时（替换没有歧义）可用 --fix 自动修复，否则为需核对的修复。
    为何：
        这些是评查通报中反复出现的用词错误，有唯一的正确写法。
    反例：
        截止目前共办理行政复议案件12件。
        ---
        全面贯彻党的十九大和历届全会精神。
        ---
        严格执行《法治政府建设与责任落实督查工作规定》。
    正例：
        截至目前共办理行政复议案件12件，申报截止日期为3月1日。
        ---
        全面贯彻党的十九大和十九届历次全会精神，开展专项督查。
    依据：
        《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）；DOMAIN.md §2 #29、#38、#39、#41。
    """

    code = "FZ304"
    name = "term-substitution"
    summary = "固定的错词（截止目前、历届全会、督查工作规定、××县县委），给出正确写法"
    fix = Applicability.SAFE
    pack_required = ("pattern", "correct")

    def finding(self, doc, entry, match, start, end):
        right = match.expand(entry["correct"])
        make = Fix.safe if entry.get("safe") else Fix.unsafe
        return self.make(entry, start, end, f"用词错误：“{found_text(match)}”应为“{right}”",
                         make(Edit(start, end, right)))
