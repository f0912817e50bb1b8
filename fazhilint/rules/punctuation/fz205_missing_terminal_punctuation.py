"""FZ205: 正文段落末尾缺少句末标点."""

from __future__ import annotations

import re

from fazhilint.diagnostics import Applicability, Edit, Fix
from fazhilint.rule import Rule
from fazhilint.rules.punctuation import CLOSING, SPACES, is_cjk, prose

MIN_CHINESE = 8  # a sentence of two clauses has at least this many characters (他跑得很快，可是没赶上火车)
# Below this length a line of two clauses may as well be a heading that lost its marker or a slogan
# (强化组织领导，统筹协调顾全局; 坚持依法行政，建设法治政府): it must show words only sentences use.
SHORT = 20
_SENTENCE_WORDS = re.compile(r"[我你他她它这那们了着过得吗呢吧啊很都也就还才没又已是]|可是|但是|因为|所以|虽然|如果|而且|\d")
_CLAUSE = re.compile(r"[，,；;]")
# A form line (联系人：张三，电话：…; 抄送：…) or a note wholly in brackets (（联系人：…，电话：…）).
_NOT_A_SENTENCE = re.compile(r"^[^，,；;。]{1,6}[:：]|^[（(].*[）)]$")


class MissingTerminalPunctuation(Rule):
    """正文段落末尾缺少句号等句末标点。

    说明：
        正文段落（段落角色为“正文”）成句（有逗号或分号分隔的分句；不到二十字的，还要有“他、这、了、得、很、是、可是”
        或数字这类只在句子里出现的字词，以免把丢了序号的标题、口号当成句子），结尾（引号、括号之后）
        没有“。！？……”，也没有“；：”。段首标题（“（二）推进改革。”）之后的正文同样检查；
        标题（各级标题、报告标题）、主送机关、附件说明、落款（特此报告、署名、成文日期）、
        表格和网页残留从不检查，“联系人：…，电话：…”这类填表式的行和整段括在括号里的附注也不检查；
        以逗号、顿号结尾的行多是断行，也不检查。修复（需核对）在段末补“。”（“报告如下”后补“：”）。
    为何：
        段末没有句号，读者无法确定这一段是写完了还是被截断了，常见于删改或从别处粘贴之后。
    反例：
        2023年，我镇坚持以习近平法治思想为指导，持续深入推进法治政府建设
        ---
        全年组织开展普法活动12场，活动主题为“法治进乡村”
        ---
        这个城市有三百万人口，是全省第二大城市
        ---
        一、主要举措和成效
        （二）推进改革。认真学习行政许可法，落实实施纲要要求，全年开展培训3次
    正例：
        2023年，我镇坚持以习近平法治思想为指导，持续深入推进法治政府建设。
        ---
        一、主要举措和成效
        （一）强化组织领导，统筹协调顾全局
        ---
        中共××镇委员会　××镇人民政府
        2024年1月15日
        ---
        现将2023年法治政府建设情况报告如下：
        ---
        （联系人：张三，联系电话：12345678）
        ---
        强化组织领导，统筹协调顾全局
    依据：
        GB/T 15834—2011《标点符号用法》4.1（句号用于句子末尾）。
    """

    code = "FZ205"
    name = "missing-terminal-punctuation"
    summary = "正文段落末尾缺少句号等句末标点"
    fix = Applicability.UNSAFE

    def check(self, doc, ctx):
        for p, offset, text in prose(doc):
            if p.is_heading:  # a heading ends as it likes; the body run in after（一）加强领导。must end well
                cut = text.find("。") + 1
                if not cut:
                    continue
                offset, text = offset + cut, text[cut:]
            elif p.role != "body":
                continue  # title, addressee, attachment note, closing, table cell, page furniture
            body = text.rstrip(SPACES)
            last = body.rstrip(CLOSING)[-1:]
            if not (is_cjk(last) or last.isalnum() or last in "%％"):
                continue  # ends with a mark: a full stop, a semicolon, a colon, or a line broken at a comma
            if not _CLAUSE.search(body) or sum(map(is_cjk, body)) < max(MIN_CHINESE, len(body) / 2):
                continue  # not a sentence of clauses: a label, a caption, a line of figures or foreign text
            if _NOT_A_SENTENCE.match(body.strip(SPACES)) or len(body) < SHORT and not _SENTENCE_WORDS.search(body):
                continue
            end = offset + len(body)
            mark, wanted = ("：", "“：”") if body.endswith("如下") else ("。", "“。”（或“！”“？”）")
            yield self.report(end - 1, end, f"段落末尾“{body[-8:]}”缺少标点：应以{wanted}结束",
                              Fix.unsafe(Edit(end, end, mark)))
