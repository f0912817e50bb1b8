"""Offline install: a wheelhouse built by tools/make_wheelhouse.py installs with --no-index into a fresh venv."""

from __future__ import annotations

import os
import subprocess
import sys
import venv

import pytest

from tests.conftest import REPO, SAMPLE


@pytest.mark.slow
def test_wheelhouse_installs_without_an_index_and_checks_the_sample(tmp_path):
    house = tmp_path / "wheelhouse"
    subprocess.run([sys.executable, str(REPO / "tools" / "make_wheelhouse.py"), "--here", "--out", str(house)],
                   check=True, capture_output=True)
    files = sorted(p.name for p in house.iterdir())
    assert all(name.endswith(".whl") for name in files if name != "安装说明.txt")  # nothing to compile offline
    assert any(name.startswith("jieba-") for name in files) and any(name.startswith("lxml-") for name in files)
    assert "--no-index" in (house / "安装说明.txt").read_text(encoding="utf-8")

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    # no pip configuration either: nothing but the wheelhouse may be used
    isolated = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1"}
    isolated.pop("PIP_FIND_LINKS", None)
    done = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--no-index", "--find-links", str(house),
                           "fazhilint[xlsx]"], capture_output=True, text=True, env=isolated)
    assert done.returncode == 0, done.stdout + done.stderr

    r = subprocess.run([str(bindir / "fazhilint"), "check", str(SAMPLE), "-f", "concise"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 1 and ":11:1: FZ102" in r.stdout and "FZ002" not in r.stdout, r.stderr
    r = subprocess.run([str(bindir / "fazhilint"), "check", str(SAMPLE.with_suffix(".docx")), "-f", "xlsx",
                        "-o", str(tmp_path / "汇总.xlsx")], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 1 and (tmp_path / "汇总.xlsx").stat().st_size > 0, r.stderr
