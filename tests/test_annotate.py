"""--annotate: a copy of the draft with one Word comment per finding, anchored on exact characters."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from fazhilint.cli import app
from fazhilint.config import Config
from fazhilint.engine import lint_path
from tests.conftest import SAMPLE, SEED, needs_corpus
from tests.docx_helpers import CHINESE_LEVELS, W, add_list, build

# Word drafts built with python-docx are far from GB/T 9704 layout: these tests are about the text.
ALL = Config(select=("ALL",), ignore=("FZ7",))


def anchors(path) -> dict[str, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    active, text = set(), {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            active.add(el.get(W + "id"))
            text[el.get(W + "id")] = ""
        elif el.tag == W + "commentRangeEnd":
            active.discard(el.get(W + "id"))
        elif el.tag == W + "t":
            for i in active:
                text[i] += el.text or ""
    return text


def annotate(*args):
    return CliRunner().invoke(app, ["check", "--ignore", "FZ7", *map(str, args)])


def test_comments_anchor_on_the_offending_characters_and_keep_formatting(tmp_path):
    d = docx.Document()
    d.add_paragraph("一、主要举措")
    p = d.add_paragraph()
    p.add_run("（一）加强").bold = True
    p.add_run("领导。")
    p = d.add_paragraph()
    run = p.add_run("（三）完善制度。")
    run.italic = True
    d.add_paragraph("、存在的问题")
    draft = tmp_path / "草稿.docx"
    d.save(str(draft))
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "草稿.批注.docx"
    r = annotate(draft, "--annotate", out, "-f", "concise")
    assert r.exit_code == 1, r.output
    assert "已写入批注副本" in r.stderr and "2 条批注" in r.stderr
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == digest  # the original is never touched
    copy = docx.Document(str(out))
    comments = {str(c.comment_id): c for c in copy.comments}
    assert sorted(anchors(out).values()) == ["、", "（三）"]
    for cid, anchored in anchors(out).items():
        assert comments[cid].author == "fazhilint"
    texts = [c.text for c in copy.comments]
    assert any("此处应为“（二）”" in t for t in texts)
    assert any("此处应为“二、”" in t and "建议修改：“、”→“二、”" in t for t in texts)
    # The split pieces keep their formatting, and the paragraphs read as before.
    assert [r.italic for r in copy.paragraphs[2].runs if r.text] == [True, True]
    assert [p.text for p in copy.paragraphs] == [p.text for p in docx.Document(str(draft)).paragraphs]


def test_finding_on_automatic_numbering_anchors_on_the_first_run(tmp_path):
    draft = build(tmp_path / "d.docx", [(90, 0, "主要举措"), (90, 1, "加强领导"), (90, 1, "完善制度"),
                                        "（一）重复的序号"], setup=lambda d: add_list(d, CHINESE_LEVELS))
    out = tmp_path / "out.docx"
    r = annotate(draft, "--annotate", out)
    assert r.exit_code == 1
    assert list(anchors(out).values()) == ["（一）"]  # the typed marker, not the rendered ones

    # A typed "二、" before an automatic one: Word shows "二、" twice, and the second is rendered.
    draft2 = build(tmp_path / "d2.docx", [(90, 0, "主要举措"), "二、存在问题", (90, 0, "下一步安排")],
                   setup=lambda d: add_list(d, CHINESE_LEVELS))
    result = lint_path(draft2, ALL)
    on_rendered = [x for x in result.diagnostics if result.source.is_rendered(x.start, x.end)]
    assert on_rendered and all(x.fix is None for x in on_rendered)  # no fix ever edits Word's numbering
    r = annotate(draft2, "--annotate", tmp_path / "out2.docx")
    assert list(anchors(tmp_path / "out2.docx").values()) == ["下一步安排"]  # rendered "二、": the first run


@pytest.mark.parametrize("args, message", [
    (["a.docx", "b.docx"], "单个 .docx"), (["a.txt"], "单个 .docx"), (["-"], "单个 .docx"),
])
def test_annotate_usage_errors(tmp_path, args, message):
    for name in ("a.docx", "b.docx", "a.txt"):
        (tmp_path / name).write_bytes(b"")
    r = annotate(*[tmp_path / a if a != "-" else a for a in args], "--annotate", tmp_path / "out.docx")
    assert r.exit_code == 2 and message in r.stderr


def test_annotate_refuses_to_overwrite_the_input_or_write_other_formats(tmp_path):
    draft = build(tmp_path / "d.docx", ["一、甲", "（三）乙"])
    assert annotate(draft, "--annotate", draft).exit_code == 2
    assert annotate(draft, "--annotate", tmp_path / "out.txt").exit_code == 2


@needs_corpus
def test_seed_annotated_copy_has_one_exact_comment_per_finding(tmp_path):
    lines = [t for t in SEED.read_text(encoding="utf-8").split("\n") if t.strip()]
    draft = build(tmp_path / "seed.docx", lines)
    out = tmp_path / "seed.批注.docx"
    r = annotate(draft, "--annotate", out)
    assert r.exit_code == 1
    result = lint_path(draft, ALL)
    # A finding over several paragraphs (a block of page furniture) is anchored on its first paragraph.
    expected = sorted(result.source.text[d.start:d.end].split("\n")[0] or result.source.text[d.start:d.start + 1]
                      for d in result.diagnostics)
    assert sorted(anchors(out).values()) == expected
    assert len(docx.Document(str(out)).comments) == len(result.diagnostics)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
def test_annotated_copy_converts_to_pdf_with_libreoffice(tmp_path):
    out = tmp_path / "seed-annotated.docx"
    annotate(SAMPLE.with_suffix(".docx"), "--annotate", out)
    assert len(docx.Document(str(out)).comments) == 3
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                          capture_output=True, timeout=180)
    pdf = tmp_path / "seed-annotated.pdf"
    assert done.returncode == 0 and pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), done.stderr


@settings(max_examples=60, deadline=None)
@given(runs=st.lists(st.text(alphabet="一二、（）甲\t\n", min_size=1, max_size=5), min_size=1, max_size=5),
       data=st.data())
def test_any_span_is_anchored_exactly(runs, data):
    """Split runs at any two offsets (tabs and soft breaks included): the runs between cover exactly the span."""
    from fazhilint.annotate import _anchor
    from fazhilint.read.docx import read_lines

    d = docx.Document()
    p = d.add_paragraph()
    for i, text in enumerate(runs):
        if i % 2:
            p.add_run(text).bold = True
        else:
            p.add_run(text)
    line = read_lines(d)[0]
    assert line.text == "".join(runs).replace("\n", " ")
    start = data.draw(st.integers(0, len(line.text) - 1))
    end = data.draw(st.integers(start + 1, len(line.text)))
    anchored = _anchor(line, start, end)
    from fazhilint.read.docx import piece

    assert "".join(piece(c) for r in anchored for c in r) == line.text[start:end]
    after = read_lines(d)[0]
    assert after.text == line.text  # splitting never changes the paragraph's text
    bold = [bool(i % 2) for i, text in enumerate(runs) for _ in text]  # each character's formatting
    for s, e, r in after.segments:  # every piece keeps the formatting of the run it came from
        assert all((r.find(f"{W}rPr/{W}b") is not None) == bold[k] for k in range(s, e))
