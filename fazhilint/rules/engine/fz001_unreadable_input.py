"""FZ001: 文件无法读取."""

from __future__ import annotations

from fazhilint.rule import Rule


class UnreadableInput(Rule):
    """文件无法读取，并说明原因。

    说明：
        空文件、二进制文件、图片、压缩包、旧版 .doc/.wps、PDF、超过大小上限、编码无法识别（既非
        UTF-8 也非 GB18030）、损坏的 .docx 等，都报告为本项，并说明应如何处理（如“另存为 .docx”）。
        批量检查时，其余文件照常检查；只有全部输入都无法读取时退出码才为 2。
    为何：
        县级汇总检查时，一份文件读不出来必须被看见，而不是被悄悄跳过。
    反例：
        （一个 0 字节的“报告.txt”，或改了扩展名的图片）
    正例：
        一、主要举措和成效
    依据：
        fazhilint 设计约定：坏输入给出清楚的诊断，不丢失任何内容，也不修改输入。
    """

    code = "FZ001"
    name = "unreadable-input"
    summary = "文件无法读取（说明原因和处理办法）"
    engine_only = True
