"""FZ505: 出现其他单位的名称，像是照搬的报告."""

from __future__ import annotations

import re

from fazhilint import profiles
from fazhilint.diagnostics import Severity
from fazhilint.rule import Rule

# A place name of the reporting unit's tier at the start of a sentence (or after 现将 / 中共),
# followed by what a report says about its own unit: its year, its organs, its verbs.
_SELF = (
    r"(?:^[ \t　]*|(?<=[。；;！!？?，,：:]))(?:现将|中共)?([\u4e00-\u9fff]{{2,4}}?)({kinds})"
    r"(?=[ \t　]*(?:(?:19|20)\d{{2}}\s*年|人民政府|政府|办事处|党委|党工委|委员会|坚持|始终|认真|紧紧|全面|深入"
    r"|持续|高度|结合|按照|着力|累计|全年|共计?(?=[0-9０-９一二三四五六七八九十两]|办理|受理|处理|调解|化解|开展|组织"
    r"|举办|召开|发放|接待|审查|审核|出具|完成|收到|查处|排查)))"
)
# Characters a place name does not contain: pronouns, verbs, particles, and the tier words themselves.
_NOT_A_NAME = re.compile(
    r"[我将现过召今在对为由向把被经与及的了是有等要全各本该每此其这那乡镇村县区市省街]"
    r"|^(开发|高新|经开|示范|保税|风景|自贸|园|社|辖|片)|^城[乡区镇市]"
)


# Parts of speech (jieba's tags in rules/lexicon/dict.txt) of words that are not place names:
# verbs, prepositions, adverbs, conjunctions… (纳入街道党工委, 坚持镇党委领导, 围绕乡政府中心工作).
_NOT_A_PLACE = ("v", "p", "d", "c", "u", "r", "m", "q", "a")


def _word_class(stem: str) -> bool:
    """Whether a stem is a common word that is not a name (a verb, a preposition…) in the lexicon."""
    from fazhilint.rules.compliance.lexicon import part_of_speech

    return part_of_speech(stem).startswith(_NOT_A_PLACE)


class ForeignUnitName(Rule):
    """报告中出现另一个同级单位的名称，当作本单位在用。

    说明：
        从标题读出报告单位（如“松江镇”），再找正文中同级的另一个地名（另一个镇、乡、街道，
        或另一个县、区）被当作本单位使用的地方：句首的“××镇2023年……”“××镇坚持……”、
        “现将××镇……报告如下”、“中共××镇委员会”“××镇人民政府”等。这通常是照搬邻近单位报告后
        没有改干净的痕迹。只在标题能读出单位时检查；“全镇”“各乡镇”“开发区”等不算地名。
    为何：
        照搬报告是审查通报的典型问题，落款或开头的单位名称写错会直接闹出笑话。
    反例：
        松江镇2023年法治政府建设工作报告
        2023年，白沙镇坚持以习近平法治思想为指导，持续推进法治政府建设。
    正例：
        松江镇2023年法治政府建设工作报告
        2023年，松江镇坚持以习近平法治思想为指导，学习借鉴白沙镇的经验做法。
    依据：
        《党政机关公文处理工作条例》第九条（发文机关署名）；评查实践中“照搬照抄”的退回理由。
    """

    code = "FZ505"
    name = "foreign-unit-name"
    summary = "出现其他同级单位的名称（疑为照搬他人报告）"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        unit = profiles.reporting_unit(profiles.title_text(doc))
        if unit is None:
            return
        kinds = "|".join(k for k, tier in profiles.TIERS.items() if tier == unit.tier)
        text, skip = doc.text, {p.start for p in doc.titles}
        for m in re.finditer(_SELF.format(kinds=kinds), text, re.M):
            stem = m.group(1)
            if stem in unit.stem or unit.stem in stem or _NOT_A_NAME.search(stem) or _word_class(stem):
                continue
            paragraph = doc.paragraph_at(m.start(1))
            if paragraph is not None and paragraph.start in skip:
                continue
            name = stem + m.group(2)
            yield self.report(
                m.start(1), m.end(2),
                f"“{name}”不是本报告的单位（标题为“{unit.name}”），却被当作本单位使用："
                f"疑为照搬其他单位报告的遗留，请核对并改为“{unit.name}”",
            )
