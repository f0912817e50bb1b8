"""FZ002: 规则内部错误."""

from __future__ import annotations

from fazhilint.rule import Rule


class InternalError(Rule):
    """某条规则在本文件上出错，该项检查未完成。

    说明：
        一条规则的程序错误只影响这一条规则在这一个文件上的检查：报告为本项（含出错位置），
        其余规则和其余文件照常检查。请把报告内容反馈给维护者。
    为何：
        一个缺陷不应让整批检查失败，也不应让用户误以为“没有问题”。
    反例：
        （只有规则程序出错时才会出现）
    正例：
        一、主要举措和成效
    依据：
        fazhilint 设计约定：规则内部错误隔离，不静默跳过。
    """

    code = "FZ002"
    name = "internal-error"
    summary = "规则内部错误（该项检查未完成，其余照常）"
    engine_only = True
