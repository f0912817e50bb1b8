"""Chinese and Arabic numerals as used in 公文 numbering markers."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "零一二三四五六七八九"


def parse_chinese(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103; None if not a numeral."""
    if not s:
        return None
    total, current = 0, 0
    for ch in s:
        if ch in _DIGITS:
            current = current * 10 + _DIGITS[ch] if current else _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 103 → 一百零三, 1010 → 一千零一十, 20001 → 二万零一.

    Numbers from 一亿 (10⁸) on, and negative ones, stay in Arabic digits."""
    if n < 0 or n >= 100_000_000:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n >= 10_000:
        high, rest = divmod(n, 10_000)
        return to_chinese(high) + "万" + ("" if not rest else ("零" if rest < 1000 else "") + _below_10000(rest))
    return _below_10000(n)


def _below_10000(n: int) -> str:
    """1 ≤ n < 10000 with every unit written: 12 → 一十二 (as after a higher unit), 1002 → 一千零二."""
    out, gap = [], False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // value % 10
        if digit:
            out.append(("零" if gap and out else "") + _CN[digit] + unit)
            gap = False
        else:
            gap = True
    return "".join(out)


def parse_arabic(s: str) -> int | None:
    s = s.translate(_FULLWIDTH)
    return int(s) if s.isdigit() else None


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
