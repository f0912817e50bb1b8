"""The county's ledger, end to end: a batch built from the corpus, checked in one run."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fazhilint import ledger
from fazhilint.config import Config
from fazhilint.engine import lint_source
from fazhilint.intake import Intake, member_name
from fazhilint.rules import rule_by_code
from fazhilint.source import Source
from tests.conftest import CORPUS, SEED, needs_corpus
from tests.test_cli import run

EXCERPTS = CORPUS / "excerpts"
# Last year's plan, as 松江镇 wrote it: one item its 2023 report answers (普法), one it never mentions.
PREVIOUS_PLAN = """松江镇2022年法治政府建设工作报告
一、主要举措和成效
2022年，松江镇围绕年度目标，扎实推进各项工作，法治政府建设取得新进展，群众满意度稳步提升，全年未发生重大行政复议纠错案件。
二、存在的不足和原因
部分干部法治意识仍需增强，原因是学习培训不够系统。
三、2023年工作安排
（一）深化普法教育，落实“谁执法谁普法”普法责任制，更新普法责任清单。
（二）建成镇级智慧调解指挥中心，实现矛盾纠纷线上分流、远程视频调解。
"""


def _excerpt(number: str, unit: str, year: int = 2023, drop_first: bool = False) -> str:
    """An excerpt given to another unit: a title naming it, the original unit's name replaced."""
    text = (EXCERPTS / f"{number}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    if drop_first:
        lines = lines[1:]
    body = "\n".join(lines)
    body = re.sub(r"20(2[2-5])(?=\s*年)", str(year), body)
    for old in ("清波街道", "下洋镇", "静海区", "街道", "我镇"):
        body = body.replace(old, unit)
    return f"{unit}{year}年法治政府建设工作报告\n{body}"


class _GBKInfo(zipfile.ZipInfo):
    """A member whose name is written in GBK without the UTF-8 flag, as Chinese zip tools do."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _gbk_zip(path: Path, members: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            info = _GBKInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
        z.writestr("__MACOSX/._小昆山镇.txt", b"\x00\x05\x16\x07")


def _batch(root: Path) -> dict[str, Path]:
    from tests.docx_helpers import as_word_numbering, build

    seed = SEED.read_text(encoding="utf-8")
    batch = root / "报送材料"
    (batch / "松江镇").mkdir(parents=True)
    (batch / "泗泾镇").mkdir()
    lines = [line for line in seed.split("\n") if line.strip()]
    items, setup = as_word_numbering(lines)
    build(batch / "松江镇" / "松江镇2023年法治政府建设工作报告.docx", items, setup=setup)
    (batch / "松江镇" / "~$松江镇2023年法治政府建设工作报告.docx").write_bytes(b"\x05lock")
    # the same report with the unit swapped, under a name that says nothing
    (batch / "泗泾镇" / "附件1.txt").write_text(seed.replace("松江", "泗泾"), encoding="utf-8")
    (batch / "清波街道.txt").write_text(_excerpt("003", "清波街道"), encoding="utf-8")
    (batch / "车墩镇.txt").write_bytes(_excerpt("005", "车墩镇").encode("gb18030"))
    (batch / "新浜镇.txt").write_text(_excerpt("018", "新浜镇", drop_first=True), encoding="utf-8")
    last_year = _excerpt("022", "九亭镇", 2022)
    (batch / "九亭镇.txt").write_text(last_year, encoding="utf-8")  # last year's report, sent again
    (batch / "新桥镇.docx").write_bytes(b"PK\x03\x04 this is not a Word file")
    (batch / "石湖荡镇.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    (batch / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0thumbs")
    _gbk_zip(batch / "镇街报送.zip", {
        "小昆山镇.txt": _excerpt("024", "小昆山镇"),
        "洞泾镇/洞泾镇报告.txt": _excerpt("027", "洞泾镇"),
        "佘山镇.txt": _excerpt("029", "佘山镇"),
    })
    previous = root / "去年"
    previous.mkdir()
    (previous / "九亭镇2022.txt").write_text(last_year, encoding="utf-8")
    (previous / "松江镇2022.txt").write_text(PREVIOUS_PLAN, encoding="utf-8")
    roster = root / "单位名单.txt"
    units = ["松江镇人民政府 = 松江镇", "泗泾镇", "清波街道", "车墩镇", "新浜镇", "九亭镇", "新桥镇", "石湖荡镇",
             "小昆山镇", "洞泾镇", "佘山镇", "叶榭镇"]
    roster.write_text("# 2023年度应报送单位\n" + "\n".join(units) + "\n", encoding="utf-8")
    return {"batch": batch, "previous": previous, "roster": roster}


@needs_corpus
def test_a_countys_batch(tmp_path):
    paths = _batch(tmp_path)
    out, feedback = tmp_path / "汇总.xlsx", tmp_path / "反馈"
    r = run("check", str(paths["batch"]), "--year", "2023", "--expect", str(paths["roster"]),
            "--previous", str(paths["previous"]), "-f", "xlsx", "-o", str(out), "--per-unit", str(feedback))
    assert r.exit_code == 1, r.stderr
    assert f"已写入 {out}：11 个文件" in r.stderr
    assert "未报送（1 个单位）：叶榭镇" in r.stderr
    skipped = [line for line in r.stderr.splitlines() if line.startswith("已跳过")]
    assert any("Thumbs.db" in s for s in skipped) and any("~$" in s for s in skipped)
    assert any("__MACOSX" in s for s in skipped)

    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "问题明细", "规则统计", "抄袭与重复", "跳过的文件"]
    for sheet in book:
        assert "2023年度" in sheet["A1"].value and "生成日期" in sheet["A1"].value
        assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref.startswith("A2:")
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$2:$2"

    rows = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("单位", "文件", "报告年度", "类型", "结论", "错误", "警告", "主要问题", "备注")
    summary = {row[0]: row for row in rows[1:]}
    assert rows[1][0] == "叶榭镇" and rows[1][4] == "未报送"  # worst first
    assert [row[4] for row in rows[2:4]] == ["无法读取", "无法读取"]
    assert {rows[2][0], rows[3][0]} == {"新桥镇", "石湖荡镇"}  # units from the file names
    assert set(summary) == {"松江镇人民政府", "泗泾镇", "清波街道", "车墩镇", "新浜镇", "九亭镇", "新桥镇", "石湖荡镇",
                            "小昆山镇", "洞泾镇", "佘山镇", "叶榭镇"}
    assert summary["泗泾镇"][1].endswith("附件1.txt") and not summary["泗泾镇"][8]
    assert summary["车墩镇"][4] != "无法读取"  # GB18030
    assert summary["洞泾镇"][1].endswith("镇街报送.zip/洞泾镇/洞泾镇报告.txt")  # GBK member names decoded
    assert summary["九亭镇"][2] == "2022年度"
    assert all(row[3] == "法治政府建设年度报告" for row in rows[1:] if row[4] in ("通过", "需修改"))
    order = [row[4] for row in rows[1:]]
    assert order == sorted(order, key=["未报送", "无法读取", "需修改", "通过"].index)

    details = list(book["问题明细"].iter_rows(min_row=2, values_only=True))
    assert details[0] == ("单位", "文件", "位置", "级别", "问题", "原文", "建议修改", "规则")
    by_unit = {}
    for row in details[1:]:
        by_unit.setdefault(row[0], []).append(row)
    copy = [row for row in by_unit["泗泾镇"] if row[7].startswith("FZ601")]
    assert len(copy) == 1 and "“松江镇人民政府”" in copy[0][4] and "约占全文" in copy[0][4]
    assert any(row[7].startswith("FZ601") and "“泗泾镇”" in row[4] for row in by_unit["松江镇人民政府"])
    honest = ("清波街道", "车墩镇", "新浜镇", "小昆山镇", "洞泾镇", "佘山镇", "九亭镇")
    assert not [row for unit in honest for row in by_unit.get(unit, []) if row[7].startswith("FZ601")]
    jiuting = {row[7].split()[0]: row[4] for row in by_unit["九亭镇"]}
    assert "这是2022年度的报告，本次收的是2023年度" in jiuting["FZ410"]
    assert "与本单位上一年度报告" in jiuting["FZ602"]
    plan = [row[4] for row in by_unit["松江镇人民政府"] if row[7].startswith("FZ602")]
    assert len(plan) == 1 and "智慧调解指挥中心" in plan[0]  # the 普法 item is answered, this one is not
    places = [row[2] for row in details[1:] if row[1].endswith(".txt") and row[2]]
    assert places and all(re.match(r"第\d+行", p) for p in places)
    assert any(" > " in p for p in places)  # heading paths for text files too
    assert any(row[6] and row[6].startswith("建议") for row in details[1:])

    shared = list(book["抄袭与重复"].iter_rows(min_row=3, values_only=True))
    kinds = {(row[0], row[1], row[4]) for row in shared}
    assert ("与他单位雷同", "松江镇人民政府", "泗泾镇") in kinds or ("与他单位雷同", "泗泾镇", "松江镇人民政府") in kinds
    assert ("重复上年报告", "九亭镇", "九亭镇") in kinds
    assert len([row for row in shared if row[0] == "与他单位雷同"]) >= 10  # paragraph by paragraph, once each

    stats = {row[0]: row for row in book["规则统计"].iter_rows(min_row=3, values_only=True)}
    assert stats["FZ601"][1] == "与其他单位的报告雷同" and stats["FZ601"][5] == 2

    folders = {p.name for p in feedback.iterdir()}
    assert folders == set(summary)
    songjiang = feedback / "松江镇人民政府"
    with zipfile.ZipFile(songjiang / "松江镇2023年法治政府建设工作报告.批注.docx") as annotated:
        comments = annotated.read("word/comments.xml").decode("utf-8")
    assert "与“泗泾镇”的报告" in comments and "FZ602" in comments  # cross-document findings as Word comments
    letter = (songjiang / "反馈意见.html").read_text(encoding="utf-8")
    assert "关于松江镇人民政府2023年度法治政府建设报告的反馈意见" in letter and "雷同" in letter
    assert "未收到你单位" in (feedback / "叶榭镇" / "反馈意见.html").read_text(encoding="utf-8")
    assert "无法读取" in (feedback / "新桥镇" / "反馈意见.html").read_text(encoding="utf-8")
    for unit in summary:
        assert (feedback / unit / "反馈意见.html").is_file()
        assert not list((feedback / unit).glob("*.txt"))  # nothing but the letter and annotated .docx
    assert (paths["batch"] / "泗泾镇" / "附件1.txt").read_text(encoding="utf-8").startswith(
        SEED.read_text(encoding="utf-8").replace("松江", "泗泾")[:20])  # inputs untouched


@needs_corpus
def test_honest_reports_from_the_corpus_are_not_copies():
    """The excerpts are openings of thirty real reports by different units: they share 规范提法 and
    the regulation's section names, and none copied another."""
    results = []
    for path in sorted(EXCERPTS.glob("*.txt")) + [SEED]:
        results.append(lint_source(Source.from_string(path.read_text(encoding="utf-8"), path.name),
                                   Config(select=("FZ601",))))
    book = ledger.build(results, Config(select=("FZ601",)))
    assert not [d.message for r in results for d in r.diagnostics if d.code == "FZ601"]
    assert book.shared == []


@pytest.mark.parametrize("code", ["FZ601", "FZ602"])
def test_documented_examples(code):
    """The batch rules' 反例 and 正例 are batches: this year's reports (and last year's for FZ602)."""
    rule = rule_by_code(code)
    for section, expected in (("反例", True), ("正例", False)):
        docs = [re.sub(r"^（[今去]年：）", "", text) for text in rule.examples(section)]
        config = Config(select=(code,))
        now = [lint_source(Source.from_string(docs[0], "甲.txt"), config)]
        if code == "FZ601":
            now.append(lint_source(Source.from_string(docs[1], "乙.txt"), config))
            ledger.build(now, config)
        else:
            ledger.build(now, config, previous=[lint_source(Source.from_string(docs[1], "去年.txt"), config)])
        assert any(d.code == code for r in now for d in r.diagnostics) == expected, section


def test_roster_file(tmp_path):
    from fazhilint.roster import RosterError, read_roster

    (tmp_path / "名单.txt").write_bytes("# 名单\r\n松江镇人民政府 = 松江镇\r\n县司法局\r\n".encode("gb18030"))
    assert [u.name for u in read_roster(tmp_path / "名单.txt")] == ["松江镇人民政府", "县司法局"]
    (tmp_path / "空.txt").write_text("# 空\n", encoding="utf-8")
    with pytest.raises(RosterError, match="没有单位"):
        read_roster(tmp_path / "空.txt")
    r = run("check", "-", "--expect", str(tmp_path / "无此文件.txt"), input="一、甲\n")
    assert r.exit_code == 2 and "无法读取单位名单" in r.stderr


def test_zip_members_are_checked_before_extraction(tmp_path):
    archive = tmp_path / "报送.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../逃逸.txt", "松江镇2023年法治政府建设工作报告\n")
        z.writestr("炸弹.txt", b"0" * (3 * 1024 * 1024))  # compresses well over 200:1
        z.writestr("desktop.ini", "[.ShellClassInfo]")
        z.writestr("正常.txt", "松江镇2023年法治政府建设工作报告\n")
    with Intake() as intake:
        intake.add(str(archive))
        problems = {Path(i.shown).name: i.problem for i in intake.inputs}
        assert "不安全" in problems["逃逸.txt"] and "压缩比" in problems["炸弹.txt"]
        assert problems["正常.txt"] is None
        assert [Path(s).name for s, _ in intake.skipped] == ["desktop.ini"]
        extracted = next(i.path for i in intake.inputs if i.shown.endswith("正常.txt"))
        assert Path(extracted).read_text(encoding="utf-8").startswith("松江镇")
    assert not Path(extracted).exists()  # the temporary folder goes with the intake
    assert not (tmp_path / "逃逸.txt").exists()


def test_member_names_without_the_utf8_flag():
    info = zipfile.ZipInfo("x")
    info.filename, info.flag_bits = "松江镇.docx".encode("gbk").decode("cp437"), 0
    assert member_name(info) == "松江镇.docx"
    info.filename = "松江镇.docx".encode("utf-8").decode("cp437")
    assert member_name(info) == "松江镇.docx"


def test_year_in_configuration(tmp_path):
    (tmp_path / "fazhilint.toml").write_text("year = 2025\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("松江镇2024年法治政府建设工作报告\n", encoding="utf-8")
    r = run("check", str(tmp_path / "a.txt"), "--config", str(tmp_path / "fazhilint.toml"), "--select", "FZ410",
            "-f", "concise")
    assert "这是2024年度的报告，本次收的是2025年度" in r.stdout
    (tmp_path / "bad.toml").write_text("year = \"明年\"\n", encoding="utf-8")
    r = run("check", str(tmp_path / "a.txt"), "--config", str(tmp_path / "bad.toml"))
    assert r.exit_code == 2 and "year" in r.stderr


def test_html_index_and_json_units(tmp_path):
    out = tmp_path / "汇总.html"
    tmp_path = tmp_path / "报送"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text("甲镇2024年法治政府建设情况报告\n一、主要举措和成效\n全年开展检查12次。\n",
                                    encoding="utf-8")
    (tmp_path / "附件2.txt").write_text("乙镇人民政府关于2024年度法治政府建设情况的报告\n、存在的不足\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    r = run("check", str(tmp_path), "-f", "html", "-o", str(out), "--year", "2024")
    html = out.read_text(encoding="utf-8")
    assert html.index('id="index"') < html.index('id="file-1"')
    assert '<a href="#file-1">' in html and "乙镇" in html and "甲镇" in html
    assert "已写入" in r.stderr and "隐藏文件夹" in r.stderr and "HEAD" not in r.stderr
    items = __import__("json").loads(run("check", str(tmp_path), "-f", "json").stdout)
    assert {item["unit"] for item in items} == {"甲镇", "乙镇"}
