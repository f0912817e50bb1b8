"""Suppressions: a clerk excuses one finding, with a reason; the engine (never a rule) applies them.

Three forms, all naming rules (codes or names) and giving a reason:

- a Word comment (批注) anchored on the excused text: ``fazhilint: 忽略 FZ203 引用原文``
  (``ignore`` too, full-width colon too);
- Markdown comments: ``<!-- fazhilint: disable-next-line FZ203 理由 -->``, ``disable-line``,
  ``disable`` … ``enable`` ranges and ``disable-file``;
- a sidecar ``报告.fazhilint.toml`` beside the file (any format), keyed by rule and the
  excused text, so edits elsewhere leave it valid::

      [[ignore]]
      rule = "FZ203"            # or a list
      text = "(试行)"           # every occurrence; without it, the whole file
      reason = "引用文件原名如此"

A suppression without a reason, naming no known rule, or excusing nothing is itself reported
(FZ003): it takes effect only with a reason, and an unused one has a safe fix that removes it
from the Markdown or the sidecar (Word comments are the clerk's to delete).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fazhilint.diagnostics import Diagnostic, Edit, Fix

CODE = "FZ003"
NAME = "unused-suppression"
SIDECAR_SUFFIX = ".fazhilint.toml"
# Findings about the run itself, never excused.
UNSUPPRESSIBLE = {"FZ000", "FZ001", "FZ002", CODE, "FZ004"}

_WORD = re.compile(r"^\s*fazhilint\s*[:：]\s*(?:忽略|ignore)(?![A-Za-z])(.*)$", re.S | re.I)
_MARKDOWN = re.compile(
    r"<!--\s*fazhilint\s*[:：]\s*(disable-next-line|disable-line|disable-file|disable|enable)(?![\w-])(.*?)-->",
    re.S | re.I)
_RULE = re.compile(r"[\s,，、;；]*(FZ\d{3}|[a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?![A-Za-z0-9-])", re.I)
_REASON_LEAD = re.compile(r"^[\s,，、:：;；]+")


@dataclass
class Suppression:
    rules: tuple[str, ...]  # codes
    reason: str
    where: str  # how the message names it: "第3行的注释", "批注", "忽略清单 x 第2条"
    kind: str  # comment | markdown | sidecar
    at: tuple[int, int]  # where FZ003 points, offsets in Source.text
    spans: list[tuple[int, int]] = field(default_factory=list)  # what it covers
    whole_file: bool = False
    problem: str | None = None  # why it does not take effect
    removal: tuple[Edit, ...] = ()  # edits of Source.text that remove it (Markdown)
    sidecar: tuple[Path, int] | None = None  # (file, entry index) for sidecar entries
    used: set[str] = field(default_factory=set)

    def covers(self, d: Diagnostic) -> bool:
        if self.whole_file:
            return True
        if d.start == d.end:
            return any(s <= d.start <= e for s, e in self.spans)
        return any(s < d.end and d.start < e for s, e in self.spans)


def split_rules(text: str) -> tuple[tuple[str, ...], str, list[str]]:
    """``"FZ203, FZ206 引用原文"`` → (codes, reason, unknown names)."""
    from fazhilint.rules import find

    codes, unknown, pos = [], [], 0
    while m := _RULE.match(text, pos):
        ref = find(m.group(1))
        if ref is None:
            unknown.append(m.group(1))
        elif ref.code not in codes:
            codes.append(ref.code)
        pos = m.end()
    return tuple(codes), _REASON_LEAD.sub("", text[pos:]).strip(), unknown


def _checked(s: Suppression, unknown: list[str], need_reason: bool = True) -> Suppression:
    if unknown:
        s.problem = f"{s.where}中的“{'、'.join(unknown)}”不是规则代码或名称；运行 fazhilint rules 查看全部规则"
    elif not s.rules:
        s.problem = f"{s.where}没有写明忽略哪条规则（如 FZ203），未生效"
    elif need_reason and not s.reason:
        s.problem = f"{s.where}没有写明理由，未生效；请在规则代码后写上为何保留这一写法"
    return s


# ---- collecting ---------------------------------------------------------------


def collect(source) -> list[Suppression]:
    """Every suppression that applies to a Source: its own (Word comments, Markdown comments), then its sidecar's."""
    found = []
    if source.kind == "docx":
        found += _from_comments(source)
    elif source.kind == "markdown":
        found += _from_markdown(source)
    found += _from_sidecar(source)
    return found


def _from_comments(source) -> list[Suppression]:
    out = []
    for start, end, text in source.comments:
        m = _WORD.match(text)
        if not m:
            continue
        codes, reason, unknown = split_rules(m.group(1))
        line = source.position(start)[0]
        s = Suppression(codes, reason, f"第{line}段的批注“{_clip(text)}”", "comment", (start, end), [(start, end)])
        out.append(_checked(s, unknown))
    return out


def _from_markdown(source) -> list[Suppression]:
    text = source.text
    out: list[Suppression] = []
    open_ranges: dict[str, Suppression] = {}
    for m in _MARKDOWN.finditer(text):
        verb = m.group(1).lower()
        codes, reason, unknown = split_rules(m.group(2))
        line = source.position(m.start())[0]
        where = f"第{line}行的“{verb}”注释"
        s = Suppression(codes, reason, where, "markdown", m.span(), removal=(_remove_comment(text, *m.span()),))
        if verb == "enable":
            closing = [open_ranges.pop(c) for c in (codes or list(open_ranges)) if c in open_ranges]
            if unknown or not closing:
                s.problem = (f"{where}中的“{'、'.join(unknown)}”不是规则代码或名称" if unknown
                             else f"{where}前面没有对应的 disable，可以删除")
                out.append(s)
            for opened in closing:
                opened.spans = [(opened.spans[0][0], m.start())]
                opened.removal += s.removal
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = _line_end(text, m.end())
        if verb == "disable-line":
            s.spans = [(line_start, line_end)]
        elif verb == "disable-next-line":
            nxt = line_end + 1  # the next line that is not blank
            while nxt < len(text) and not text[nxt:_line_end(text, nxt)].strip():
                nxt = _line_end(text, nxt) + 1
            s.spans = [(nxt, _line_end(text, nxt))] if nxt < len(text) else []
        elif verb == "disable-file":
            s.whole_file = True
        else:  # disable: until the matching enable, or the end of the file
            s.spans = [(m.end(), len(text))]
            for code in codes:
                open_ranges[code] = s
        out.append(_checked(s, unknown))
    return out


def sidecar_path(path: str) -> Path | None:
    if path in ("-", "<string>", "<test>") or not path:
        return None
    p = Path(path)
    return p.with_name(p.stem + SIDECAR_SUFFIX)


def _from_sidecar(source) -> list[Suppression]:
    import tomllib

    path = sidecar_path(source.path)
    if path is None or not path.is_file():
        return []
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return [Suppression((), "", f"忽略清单 {name}", "sidecar", (0, 0), problem=f"忽略清单 {name} 无法读取（{e}），其中的忽略均未生效")]
    entries = data.get("ignore", [])
    extra = set(data) - {"ignore"}
    out = []
    if extra or not isinstance(entries, list):
        out.append(Suppression((), "", name, "sidecar", (0, 0),
                               problem=f"忽略清单 {name} 只能有 [[ignore]] 表，而不是 {sorted(extra) or 'ignore'}"))
        entries = entries if isinstance(entries, list) else []
    for i, entry in enumerate(entries):
        where = f"忽略清单 {name} 第{i + 1}条"
        if not isinstance(entry, dict):
            out.append(Suppression((), "", where, "sidecar", (0, 0), problem=f"{where}应为表（[[ignore]]）"))
            continue
        rules = entry.get("rule", [])
        rules = [rules] if isinstance(rules, str) else rules
        text = entry.get("text")
        reason = entry.get("reason", "")
        s = Suppression((), reason.strip() if isinstance(reason, str) else "", where, "sidecar", (0, 0),
                        sidecar=(path, i))
        bad = set(entry) - {"rule", "text", "reason"}
        if bad or not isinstance(rules, list) or not all(isinstance(r, str) for r in rules) \
                or (text is not None and not (isinstance(text, str) and text)) or not isinstance(reason, str):
            s.problem = (f"{where}有未知的项 {sorted(bad)}（可用：rule、text、reason）" if bad
                         else f"{where}应写 rule = \"FZ203\"、text = \"被忽略的原文\"（非空字符串）、reason = \"理由\"")
            out.append(s)
            continue
        codes, _, unknown = split_rules(" ".join(rules))
        s.rules = codes
        if text is None:
            s.whole_file = True
        else:
            s.spans = [(m.start(), m.end()) for m in re.finditer(re.escape(text), source.text)]
            s.where = f"{where}（{'、'.join(codes) or '?'}“{_clip(text)}”）"
        out.append(_checked(s, unknown))
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _remove_comment(text: str, start: int, end: int) -> Edit:
    """The edit deleting a Markdown comment: its whole line when it stands alone there."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = _line_end(text, end)
    if text[line_start:start].strip() or text[end:line_end].strip():
        while start > line_start and text[start - 1] in " \t":
            start -= 1
        return Edit(start, end, "")
    if line_end < len(text):
        return Edit(line_start, line_end + 1, "")
    return Edit(max(0, line_start - 1), line_end, "")


def _clip(s: str, width: int = 24) -> str:
    s = " ".join(s.split())
    return s if len(s) <= width else s[:width] + "……"


# ---- applying -----------------------------------------------------------------


@dataclass
class Outcome:
    kept: list[Diagnostic]
    suppressed: int
    problems: list[Diagnostic]  # FZ003 findings, positions still as offsets
    sidecar_removals: dict = field(default_factory=dict)


def apply(source, found: list[Diagnostic], ran: set[str], locked: frozenset[str] = frozenset()) -> Outcome:
    """Drop the findings a valid suppression covers; report suppressions that are wrong or unused.

    ``ran``: the codes that ran on this file (an excuse for a rule that did not run is not "unused").
    ``locked``: codes the shared configuration locks; excusing them is refused and reported."""
    suppressions = collect(source)
    if not suppressions:
        return Outcome(found, 0, [])
    for s in suppressions:
        refused = [c for c in s.rules if c in locked]
        if refused and not s.problem:
            s.problem = (f"{s.where}要忽略的 {'、'.join(refused)} 已被上级配置锁定（locked），"
                         "不能在这里忽略，问题照常报告")
    active = [s for s in suppressions if not s.problem]
    kept, suppressed = [], 0
    for d in found:
        s = None if d.code in UNSUPPRESSIBLE else next(
            (s for s in active if d.code in s.rules and s.covers(d)), None)
        if s is None:
            kept.append(d)
        else:
            s.used.add(d.code)
            suppressed += 1
    problems = []
    for s in suppressions:
        if s.problem:
            problems.append(_report(s, s.problem, fix=False))
            continue
        unused = [c for c in s.rules if c in ran and c not in s.used]
        if not unused:
            continue
        all_unused = len(unused) == len(s.rules)
        hint = "可用 --fix 删除" if s.kind != "comment" and all_unused else \
            "请在 Word 中删除该批注" if s.kind == "comment" else f"可以从中去掉 {'、'.join(unused)}"
        if not s.spans and not s.whole_file and s.sidecar:
            message = f"{s.where}所忽略的文字在文中已找不到，这条忽略不再起作用；{hint}"
        else:
            message = f"{s.where}忽略的 {'、'.join(unused)} 在此处没有发现问题，这条忽略不再需要；{hint}"
        problems.append(_report(s, message, fix=all_unused))
    return Outcome(kept, suppressed, problems)


def _report(s: Suppression, message: str, fix: bool) -> Diagnostic:
    from fazhilint.diagnostics import Severity

    d = Diagnostic(CODE, NAME, s.at[0], s.at[1], message, None, Severity.WARNING)
    if fix and s.removal:
        d.fix = Fix.safe(*s.removal)
    elif fix and s.sidecar:
        d.fix = Fix.safe()  # the edit is to the sidecar, not to the text: see prune_sidecar
        d.extra["sidecar"] = (str(s.sidecar[0]), s.sidecar[1])
    return d


def prune_sidecar(path: Path, indices: set[int]) -> str:
    """The sidecar's text without the [[ignore]] entries at ``indices`` (comments elsewhere kept).
    An entry runs from its ``[[ignore]]`` line to the next table header; comment lines just above
    the header belong to it."""
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if re.match(r"\s*\[", line)]
    entry_headers = [i for i in headers if re.match(r"\s*\[\[\s*ignore\s*\]\]", lines[i])]
    drop = set()
    for n, h in enumerate(entry_headers):
        if n not in indices:
            continue
        start = h
        while start > 0 and lines[start - 1].lstrip().startswith("#") and start - 1 not in drop:
            start -= 1
        end = next((i for i in headers if i > h), len(lines))
        while end > h + 1 and lines[end - 1].lstrip().startswith("#"):
            end -= 1  # comments right above the next header belong to it
        drop.update(range(start, end))
    return "".join(line for i, line in enumerate(lines) if i not in drop)
