"""FZ000: 文档结构无法解析."""

from __future__ import annotations

from fazhilint.rule import Rule


class ParseError(Rule):
    """文档结构无法解析，已按普通段落检查。

    说明：
        语法对任何输入都能建立结构树；万一失败，fazhilint 不会中断，而是把全文当作普通段落继续检查，
        并报告本项。序号、章节类检查在这种情况下可能不完整。
    为何：
        宁可明确告知“这部分没有检查到”，也不悄悄跳过。
    反例：
        （只有语法本身出错时才会出现，正常文本不会触发）
    正例：
        一、主要举措和成效
    依据：
        fazhilint 设计约定：不静默跳过任何文件或规则。
    """

    code = "FZ000"
    name = "parse-error"
    summary = "文档结构无法解析（已按普通段落检查）"
    engine_only = True
