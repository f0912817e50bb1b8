"""FZ003: 忽略未生效或不再需要."""

from __future__ import annotations

from fazhilint.diagnostics import Applicability, Severity
from fazhilint.rule import Rule


class UnusedSuppression(Rule):
    """忽略（批注、Markdown 注释、忽略清单中的一条）没有理由、写错了规则，或已不再需要。

    说明：
        每条忽略都须写明规则和理由，如 Word 批注“fazhilint: 忽略 FZ203 引用文件原名”。
        没有理由、规则代码写错、要忽略的规则已被上级配置锁定时，这条忽略不生效，原问题照常报告；
        所忽略的位置已没有该问题（原文改过了），或忽略清单中的文字在文中已找不到时，报告本项。
        Markdown 注释和忽略清单中不再需要的条目可用 --fix 删除（安全修复）；Word 批注请在 Word 中删除。
    为何：
        理由让审核的人知道为何保留这一写法；不再需要的忽略留在文中，会在以后悄悄盖住新的问题。
    反例：
        （Markdown）<!-- fazhilint: disable-next-line FZ203 -->（缺理由）
    正例：
        （Markdown）<!-- fazhilint: disable-next-line FZ203 引用文件原名如此 -->
    依据：
        fazhilint 设计约定：忽略须有理由；参照 ruff RUF100（unused-noqa）。
    """

    code = "FZ003"
    name = "unused-suppression"
    summary = "忽略缺少理由、写错规则或不再需要（可删除不用的忽略）"
    severity = Severity.WARNING
    fix = Applicability.SAFE
    engine_only = True
