"""check 草稿.docx --fix -o 草稿.修订.docx: fixes as Word tracked changes, other findings as comments."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from lxml import etree
from typer.testing import CliRunner

from fazhilint.cli import app
from fazhilint.read.docx import read_lines
from tests.conftest import SEED, needs_corpus
from tests.docx_helpers import CHINESE_LEVELS, W, W_NS, add_list, build

TEXT = [
    "某镇2024年法治政府建设年度报告",
    "一、主要举措和成效",
    "我镇认真落实《法治政府建设实施纲要(2021-2025年)》,推进依法行政。。",
    "全年开展培训 12 次，执法严公开公正。",
    "二、存在的不足和原因",
    "执法人员不足;原因是编制少。",
]


def run(*args):
    return CliRunner().invoke(app, ["check", "-f", "concise", *map(str, args)])


def _settle(path, keep: str, drop: str):
    """The document with every tracked change of one kind kept (unwrapped) and the other dropped."""
    document = docx.Document(str(path))
    body = document.element.body
    for el in list(body.iter(W + drop)):
        el.getparent().remove(el)
    for el in list(body.iter(W + keep)):
        for child in list(el):
            el.addprevious(child)
        el.getparent().remove(el)
    for t in body.iter(W + "delText"):
        t.tag = W + "t"
    return document


def accept_all(path) -> str:
    return "\n".join(line.text for line in read_lines(_settle(path, "ins", "del")))


def reject_all(path) -> str:
    return "\n".join(line.text for line in read_lines(_settle(path, "del", "ins")))


def revised(tmp_path, lines, *flags, setup=None):
    draft = build(tmp_path / "草稿.docx", lines, setup=setup)
    out = tmp_path / "草稿.修订.docx"
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    r = run(draft, "--fix", "-o", out, *flags)
    assert r.exit_code in (0, 1) and "已写入修订副本" in r.stderr, r.output
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == digest  # the original is never touched
    return draft, out, r


def fixed_as_txt(tmp_path, lines, *flags) -> str:
    txt = tmp_path / "same.txt"
    txt.write_text("\n".join(lines), encoding="utf-8")
    run(txt, "--fix", *flags)
    return txt.read_text(encoding="utf-8")


@pytest.mark.parametrize("flags", [(), ("--unsafe-fixes",)])
def test_accept_all_gives_the_fixed_text_and_reject_all_the_original(tmp_path, flags):
    _, out, r = revised(tmp_path, TEXT, *flags)
    expected = fixed_as_txt(tmp_path, TEXT, *flags)
    assert expected != "\n".join(TEXT)
    assert accept_all(out) == expected
    assert reject_all(out) == "\n".join(TEXT)
    root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    changes = list(root.iter(W + "ins")) + list(root.iter(W + "del"))
    assert changes and all(c.get(W + "author") == "fazhilint" and c.get(W + "date") for c in changes)
    assert len({c.get(W + "id") for c in changes}) == len(changes)
    # Findings without a fix (FZ501: missing sections) are comments; fixed ones are not.
    texts = [c.text for c in docx.Document(str(out)).comments]
    assert any("FZ501" in t for t in texts) and not any("FZ203" in t or "FZ206" in t for t in texts)
    assert "修订" in r.stderr


@needs_corpus
def test_seed_report_accept_and_reject(tmp_path):
    lines = [t for t in SEED.read_text(encoding="utf-8").split("\n") if t.strip()]
    _, out, _ = revised(tmp_path, lines, "--unsafe-fixes")
    assert accept_all(out) == fixed_as_txt(tmp_path, lines, "--unsafe-fixes")
    assert reject_all(out) == "\n".join(lines)


def test_formatting_fields_numbering_and_comments_are_kept(tmp_path):
    draft = tmp_path / "草稿.docx"
    d = docx.Document()
    add_list(d, CHINESE_LEVELS)
    d.add_paragraph("某镇2024年法治政府建设年度报告")
    from tests.docx_helpers import set_numbering

    set_numbering(d.add_paragraph("主要举措和成效"), 90, 0)
    p = d.add_paragraph()
    bold = p.add_run("我镇落实《纲要(试行)》")
    bold.bold = True
    p.add_run(",推进工作。")
    d.add_comment([bold], text="请核对纲要名称", author="李主任", initials="L")
    p = d.add_paragraph("落款日期：")  # a DATE field whose result has a half-width comma: never edited
    p._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr="DATE"><w:r><w:t>1,2</w:t></w:r></w:fldSimple>'))
    p.add_run("。")
    d.save(str(draft))
    out = tmp_path / "out.docx"
    r = run(draft, "--fix", "-o", out)
    assert "已写入修订副本" in r.stderr, r.output
    text = accept_all(out)
    assert "我镇落实《纲要（试行）》，推进工作。" in text and "1,2" in text
    copy_ = docx.Document(str(out))
    # the numbering stays Word's: the heading paragraph still has its w:numPr and no typed "一、"
    heading = copy_.paragraphs[1]
    assert heading._p.find(f"{W}pPr/{W}numPr") is not None and heading.text == "主要举措和成效"
    # the clerk's comment is still there, by its author
    assert any(c.author == "李主任" and c.text == "请核对纲要名称" for c in copy_.comments)
    # the inserted full-width brackets keep the run's bold
    body = copy_.element.body
    inserted = [r for ins in body.iter(W + "ins") for r in ins.iter(W + "r")]
    assert any("（" in "".join(t.text for t in r.iter(W + "t")) and r.find(f"{W}rPr/{W}b") is not None
               for r in inserted)
    # nothing inside the field was tracked
    for fld in body.iter(W + "fldSimple"):
        assert not list(fld.iter(W + "ins")) and not list(fld.iter(W + "del"))


def test_output_equal_to_input_is_refused(tmp_path):
    draft = build(tmp_path / "d.docx", TEXT)
    before = draft.read_bytes()
    r = run(draft, "--fix", "-o", draft)
    assert r.exit_code == 2 and "原文件" in r.stderr and draft.read_bytes() == before
    (tmp_path / "e.txt").write_text("甲", encoding="utf-8")
    r = run(tmp_path, "--fix", "-o", tmp_path / "x.docx")  # a revised copy is for one .docx
    assert r.exit_code == 2 and "单个 .docx" in r.stderr


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or pdftoppm is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")
def test_libreoffice_converts_the_revised_copy(tmp_path):
    _, out, _ = revised(tmp_path, TEXT, "--unsafe-fixes")
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, timeout=180)
    pdf = out.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.read_bytes().startswith(b"%PDF"), done.stderr
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
