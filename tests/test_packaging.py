"""The wheel carries grammar/ and rules/ and works in a fresh environment: the only proof packaging works."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile

import pytest

from tests.conftest import REPO, SAMPLE


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)],
                   check=True, capture_output=True)
    return next(out.glob("fazhilint-*.whl"))


def test_wheel_contains_grammar_and_rule_packs(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "fazhilint/_data/grammar/outline.lark" in names
    assert any(n.startswith("fazhilint/_data/rules/") for n in names)
    assert "fazhilint/_data/rules/profiles.toml" in names
    assert "fazhilint/_data/rules/lexicon/dict.txt" in names
    assert {"fazhilint/schemas/config.schema.json", "fazhilint/schemas/pack.schema.json", "fazhilint/starter.toml"} <= set(names)
    assert "fazhilint/serve/templates/index.html" in names and "fazhilint/serve/static/serve.css" in names


def test_installed_wheel_lints_the_sample(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True)
    r = subprocess.run([str(env_dir / "bin" / "fazhilint"), "check", str(SAMPLE), "-f", "concise"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert ":11:1: FZ102" in r.stdout
    assert "FZ002" not in r.stdout  # every rule ran, FZ503 with jieba and the shipped lexicon included
    # python-docx comes with the wheel: the Word sample is read in the fresh environment too.
    r = subprocess.run([str(env_dir / "bin" / "fazhilint"), "check", str(SAMPLE.with_suffix(".docx")), "-f", "concise"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 1 and ":6:1: FZ102" in r.stdout, r.stderr
    grammar = subprocess.run([str(python), "-c", "from fazhilint import resources; print(resources.grammar_path())"],
                             capture_output=True, text=True, cwd=tmp_path).stdout
    assert "site-packages/fazhilint/_data/grammar" in grammar
    # the web service is an extra: without it, `serve` says how to get it
    r = subprocess.run([str(env_dir / "bin" / "fazhilint"), "serve"], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and "pip install 'fazhilint[serve]'" in r.stderr
