"""The command line's regex cache changes speed, never results."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO, SAMPLE

PROBE = r'''
import re, sys
from fazhilint import recache
recache.install()
patterns = [r"(?P<year>(?:19|20)\d{2})\s*年", r"(?<![一二三统唯])[一二三四五六七八九十]{1,3}是", r"[\u4e00-\u9fff]+(?:[、，][\u4e00-\u9fff]+)+",
            r"(?i)fazhi(?=lint)", r"^\s*(一|二)、(.*)$"]
text = "2024年，统一是非。一是加强，二是完善。法治、政府、社会 FaZhiLint\n一、总体"
for p in patterns:
    mine = re.compile(p, re.M)
    print(mine.pattern == p, mine.flags, mine.groups, sorted(mine.groupindex.items()),
          [m.span() for m in mine.finditer(text)], [m.groups() for m in mine.finditer(text)])
try:
    re.compile("(unclosed")
except re.error as e:
    print("re.error", e.msg)
'''


def run(code_or_args, cache_home, **kwargs):
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    return subprocess.run([sys.executable, *code_or_args], capture_output=True, text=True, env=env, cwd=REPO, **kwargs)


def test_cached_patterns_behave_like_fresh_ones(tmp_path):
    plain = subprocess.run([sys.executable, "-c", PROBE.replace("recache.install()", "")],
                           capture_output=True, text=True, cwd=REPO).stdout
    cold = run(["-c", PROBE], tmp_path).stdout
    warm = run(["-c", PROBE], tmp_path).stdout  # now read from the cache file
    assert plain == cold == warm
    assert "re.error missing )" in plain
    assert any(p.name.startswith("regex-") for p in (tmp_path / "fazhilint").iterdir())


def test_cli_results_are_the_same_with_a_warm_cache(tmp_path):
    args = ["-m", "fazhilint", "check", "-f", "json", str(SAMPLE), "examples/sample-report.docx"]
    cold, warm = run(args, tmp_path), run(args, tmp_path)
    assert json.loads(cold.stdout) == json.loads(warm.stdout)
    assert any(d["code"] == "FZ102" for d in json.loads(warm.stdout))


def test_a_corrupt_cache_is_ignored(tmp_path):
    run(["-c", PROBE], tmp_path)
    for f in (tmp_path / "fazhilint").glob("regex-*"):
        f.write_bytes(b"not marshal data")
    assert "True" in run(["-c", PROBE], tmp_path).stdout


def test_an_altered_cache_is_ignored_and_the_switch_turns_it_off(tmp_path):
    args = ["-m", "fazhilint", "check", "-f", "json", str(SAMPLE)]
    fresh = json.loads(run(args, tmp_path).stdout)
    [cache] = [p for p in (tmp_path / "fazhilint").iterdir() if p.name.startswith("regex-")]
    data = bytearray(cache.read_bytes())
    data[-40:] = bytes(40)  # a crafted or damaged entry: the checksum no longer matches
    cache.write_bytes(bytes(data))
    assert json.loads(run(args, tmp_path).stdout) == fresh
    off = tmp_path / "off"
    env = {**os.environ, "XDG_CACHE_HOME": str(off), "FAZHILINT_NO_REGEX_CACHE": "1"}
    r = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=REPO)
    assert json.loads(r.stdout) == fresh
    assert not any(p.name.startswith("regex-") for p in (off / "fazhilint").glob("*"))
