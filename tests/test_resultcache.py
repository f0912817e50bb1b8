"""The result cache changes speed, never results: an entry is used only for the same bytes,
path, settings and code, and a damaged entry is ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE
from tests.docx_helpers import build

FORMATS = ("concise", "json", "sarif", "html")


def run(*args, cache: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(REPO)}
    env.pop("FAZHILINT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "fazhilint", *args], capture_output=True, text=True,
                          env=env, cwd=cwd or REPO)


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "fazhilint" / "results").rglob("*.marshal"))


@pytest.fixture
def report(tmp_path) -> Path:
    path = tmp_path / "草稿.txt"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_kept_result_reads_like_a_fresh_one(tmp_path, report, fmt):
    cache = tmp_path / "cache"
    fresh = run("check", "-f", fmt, "--no-cache", str(report), cache=cache)
    assert not entries(cache)  # --no-cache neither reads nor writes
    first = run("check", "-f", fmt, str(report), cache=cache)
    assert len(entries(cache)) == 1
    again = run("check", "-f", fmt, str(report), cache=cache)
    assert fresh.stdout == first.stdout == again.stdout and fresh.returncode == again.returncode == 1


def test_the_entry_is_what_is_read(tmp_path, report):
    """Proof that the second run reads the entry: an entry altered (checksum kept valid) shows."""
    from fazhilint import cachefile

    cache = tmp_path / "cache"
    run("check", "-f", "concise", str(report), cache=cache)
    [entry] = entries(cache)
    source, findings, suppressed, facts = cachefile.read(entry)
    values, severity, fix = findings[0]
    values = (values[0], values[1], *values[2:4], "缓存中的信息", *values[5:])
    cachefile.write(entry, (source, [(values, severity, fix)], suppressed, facts))
    assert "缓存中的信息" in run("check", "-f", "concise", str(report), cache=cache).stdout


def test_a_damaged_entry_is_ignored(tmp_path, report):
    cache = tmp_path / "cache"
    fresh = run("check", "-f", "json", str(report), cache=cache).stdout
    [entry] = entries(cache)
    data = bytearray(entry.read_bytes())
    data[-5] ^= 0xFF  # the checksum no longer matches
    entry.write_bytes(bytes(data))
    assert run("check", "-f", "json", str(report), cache=cache).stdout == fresh
    entry.write_bytes(b"")
    assert run("check", "-f", "json", str(report), cache=cache).stdout == fresh


def test_what_a_result_depends_on_is_in_the_key(tmp_path, report):
    cache = tmp_path / "cache"
    base = run("check", "-f", "concise", str(report), cache=cache).stdout
    assert "FZ102" in base
    # the settings
    assert "FZ102" not in run("check", "-f", "concise", "--ignore", "FZ102", str(report), cache=cache).stdout
    config = tmp_path / "fazhilint.toml"
    config.write_text('[severity]\nFZ102 = "info"\n', encoding="utf-8")
    assert "FZ102 [提示]" in run("check", "-f", "concise", str(report), cache=cache, cwd=tmp_path).stdout
    config.unlink()
    # a county pack's contents (same file name, new content)
    pack = tmp_path / "county.toml"
    pack.write_text("", encoding="utf-8")
    without = run("check", "-f", "concise", "--pack", str(pack), str(report), cache=cache).stdout
    pack.write_text('[[term-substitution]]\nid = "county-test"\npattern = "法治政府"\ncorrect = "法治政府机关"\n'
                    'source = "县规"\nbad = ["法治政府"]\ngood = ["法制"]\n', encoding="utf-8")
    with_term = run("check", "-f", "concise", "--pack", str(pack), str(report), cache=cache)
    assert with_term.stdout != without, with_term.stderr
    # the suppression sidecar beside the report
    line = next(x for x in base.splitlines() if "FZ102" in x)
    sidecar = report.with_name("草稿.fazhilint.toml")
    sidecar.write_text('[[ignore]]\nrule = "FZ102"\nreason = "测试"\n', encoding="utf-8")
    assert line not in run("check", "-f", "concise", str(report), cache=cache).stdout
    sidecar.unlink()
    assert run("check", "-f", "concise", str(report), cache=cache).stdout == base
    # the file's bytes: the same path, one more defect
    report.write_text(report.read_text(encoding="utf-8") + "\n截止目前共办理行政复议案件12件。", encoding="utf-8")
    assert run("check", "-f", "concise", str(report), cache=cache).stdout != base


def test_a_word_document_is_kept_with_its_layout_findings(tmp_path):
    cache = tmp_path / "cache"
    path = tmp_path / "报告.docx"
    build(path, SAMPLE.read_text(encoding="utf-8").splitlines())
    fresh = run("check", "-f", "json", "--no-cache", str(path), cache=cache).stdout
    run("check", "-f", "json", str(path), cache=cache)
    assert run("check", "-f", "json", str(path), cache=cache).stdout == fresh
    assert len(entries(cache)) == 1


def test_a_batch_and_its_ledger_read_kept_results(tmp_path):
    """The ledger's units, years and profiles come from kept facts; its comparisons (FZ601) parse
    the documents again."""
    cache = tmp_path / "cache"
    folder = tmp_path / "收件"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (folder / "甲镇.txt").write_text(text, encoding="utf-8")
    (folder / "乙镇.txt").write_text(text.replace("示例镇", "乙镇"), encoding="utf-8")
    fresh = run("check", "-f", "json", "--no-cache", str(folder), cache=cache)
    assert "FZ601" in fresh.stdout
    run("check", "-f", "json", str(folder), cache=cache)
    again = run("check", "-f", "json", "-j", "2", str(folder), cache=cache)
    assert again.stdout == fresh.stdout and again.stderr == fresh.stderr
    assert len(entries(cache)) == 2


def test_fix_never_reads_the_cache(tmp_path, report):
    """--fix works from the file itself: a kept entry without fixes changes nothing."""
    from fazhilint import cachefile

    cache = tmp_path / "cache"
    run("check", "-f", "concise", str(report), cache=cache)
    [entry] = entries(cache)
    source, findings, suppressed, facts = cachefile.read(entry)
    cachefile.write(entry, (source, [(values, severity, None) for values, severity, _ in findings], suppressed, facts))
    assert "--unsafe-fixes" not in run("check", "-f", "concise", str(report), cache=cache).stdout  # the entry is read
    before = report.read_text(encoding="utf-8")
    r = run("check", "--fix", "--unsafe-fixes", "-f", "concise", str(report), cache=cache)
    assert r.returncode in (0, 1), r.stderr
    assert report.read_text(encoding="utf-8") != before


def test_entries_unused_for_a_month_are_deleted(tmp_path, report, monkeypatch):
    """Every version of every file adds an entry: those not used for KEEP_DAYS go, at most once a day."""
    import time

    from fazhilint import resultcache

    cache = tmp_path / "cache"
    run("check", "-f", "concise", str(report), cache=cache)
    [used] = entries(cache)
    old = used.with_name("0" * 24 + ".marshal")
    old.write_bytes(used.read_bytes())
    month_ago = time.time() - 31 * 24 * 3600
    os.utime(used, (month_ago, month_ago))
    os.utime(old, (month_ago, month_ago))
    (used.parent / ".pruned").unlink()  # the first run looked through the folder today
    run("check", "-f", "concise", str(report), cache=cache)  # a hit: its entry is used again, the other goes
    assert entries(cache) == [used]
    old.write_bytes(used.read_bytes())
    os.utime(old, (month_ago, month_ago))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setattr(resultcache.cachefile, "path", lambda name: cache / "fazhilint" / name)
    resultcache.prune()  # looked through less than a day ago: left for tomorrow
    assert old.exists()
    resultcache.prune(now=time.time() + 25 * 3600)
    assert not old.exists() and used.exists()
