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
        else:
            return None
    return total + current


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 103 → 一百零三."""
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _CN[rest] if rest < 10 else to_chinese(rest) if rest >= 20 else "一" + to_chinese(rest))
    return _CN[n // 100] + "百" + tail


def parse_arabic(s: str) -> int | None:
    s = s.translate(_FULLWIDTH)
    return int(s) if s.isdigit() else None


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
