"""``fazhilint serve`` through Starlette's test client: uploads of each kind, hostile uploads, the
ledger after uploads and re-uploads, the password gate beyond localhost, CSRF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'fazhilint[serve]')")

from starlette.testclient import TestClient

from fazhilint.serve import ledger
from fazhilint.serve.app import MAX_BODY, Settings, create_app
from fazhilint.serve.security import hash_password
from fazhilint.serve.worker import WorkerCrashed, WorkerPool, WorkerTimeout
from tests.conftest import REPO, SAMPLE

SAMPLE_DOCX = REPO / "examples" / "sample-report.docx"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
# the sample with its three errors corrected: it passes
FIXED_TEXT = (SAMPLE_TEXT.replace("分工。三是", "分工。二是").replace("（）深化", "（三）深化")
              .replace("\n、存在", "\n二、存在"))


def csrf(client) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/").text).group(1)


def upload(client, *files, **fields):
    """POST files [(name, bytes)] with a valid token; returns the response after redirects."""
    data = {"csrf": csrf(client), **fields}
    return client.post("/upload", data=data, files=[("files", (name, content)) for name, content in files])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def database(request, tmp_path_factory):
    """The ledger's two databases: SQLite in a data folder, and a private PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('ledger') / 'ledger.sqlite3'}"
        return
    from tests import postgres

    if postgres.why_not():
        pytest.skip(postgres.why_not())
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="fazhilint-pg-"))  # not under pytest's root-only folder
    server = postgres.Server(folder).start()
    try:
        yield server.url
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def served(database):
    with TestClient(create_app(Settings(database=database, workers=2)), base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture
def client(served):
    served.cookies.clear()
    return served


def zipped(*members) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members:
            z.writestr(name, content)
    return buffer.getvalue()


def doc_count(client) -> int:
    with client.app.state.engine.connect() as c:
        return c.execute(ledger.sa.select(ledger.sa.func.count()).select_from(ledger.submissions)).scalar()


# --- each format -------------------------------------------------------------------------------

def test_docx_upload_shows_findings_and_offers_the_annotated_copy(client):
    r = upload(client, ("草稿.docx", SAMPLE_DOCX.read_bytes()), unit="格式测试镇")
    assert r.status_code == 200 and "/s/" in str(r.url)
    assert "需修改" in r.text and "序号缺少数字" in r.text and "FZ102" in r.text
    annotated = client.get(f"{r.url}/annotated")
    assert annotated.status_code == 200
    assert "%E8%8D%89%E7%A8%BF.%E6%89%B9%E6%B3%A8.docx" in annotated.headers["content-disposition"]  # 草稿.批注.docx
    import docx

    document = docx.Document(io.BytesIO(annotated.content))
    assert any("序号缺少数字" in c.text for c in document.comments)
    original = client.get(f"{r.url}/original")
    assert original.content == SAMPLE_DOCX.read_bytes()


@pytest.mark.parametrize("name, content, kind", [
    ("草稿.txt", SAMPLE_TEXT.encode("utf-8"), ".txt"),
    ("草稿.txt", SAMPLE_TEXT.encode("gb18030"), ".txt"),
    ("草稿.md", SAMPLE_TEXT.encode("utf-8"), ".md"),
    ("网页.html", ("<html><head><meta charset='utf-8'></head><body>"
                 + "".join(f"<p>{line}</p>" for line in SAMPLE_TEXT.splitlines() if line) + "</body></html>").encode(),
     ".html"),
    ("没有扩展名", SAMPLE_TEXT.encode("utf-8"), ".txt"),
])
def test_text_formats_are_checked_by_their_content(client, name, content, kind):
    r = upload(client, (name, content), unit="格式测试镇")
    assert r.status_code == 200, r.text
    assert "序号缺少数字" in r.text
    row = ledger.submission(client.app.state.engine, str(r.url).rsplit("/", 1)[1])
    assert row["kind"] == kind and row["readable"] and not row["annotated_sha256"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_word_97_doc_is_converted_and_checked(client, tmp_path):
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                           "--convert-to", "doc", "--outdir", str(tmp_path), str(SAMPLE_DOCX)],
                          capture_output=True, timeout=180)
    converted = tmp_path / "sample-report.doc"
    assert done.returncode == 0 and converted.is_file()
    r = upload(client, ("旧版.doc", converted.read_bytes()), unit="格式测试镇")
    assert r.status_code == 200 and "序号缺少数字" in r.text


def test_zip_of_reports_checks_each_member(client):
    archive = zipped(("报送/松江镇.docx", SAMPLE_DOCX.read_bytes()), ("报送/金龙街道.txt", FIXED_TEXT.encode("gb18030")),
                     ("报送/.DS_Store", b"\0\0"), ("__MACOSX/报送/._松江镇.docx", b"\0"))
    before = doc_count(client)
    r = upload(client, ("材料.zip", archive))
    assert r.status_code == 200 and "/b/" in str(r.url)
    assert "松江镇.docx" in r.text and "金龙街道.txt" in r.text
    assert "需修改" in r.text and "通过" in r.text
    assert doc_count(client) == before + 2


def test_member_names_written_by_chinese_windows_are_read_as_gbk(client):
    gbk = "松江镇报告.txt".encode("gbk")
    placeholder = b"A" * (len(gbk) - 4) + b".txt"  # written as ASCII, then the bytes swapped: no UTF-8 flag
    archive = zipped((placeholder.decode(), FIXED_TEXT.encode("utf-8"))).replace(placeholder, gbk)
    r = upload(client, ("材料.zip", archive), unit="格式测试镇")
    assert r.status_code == 200 and "松江镇报告.txt" in r.text


# --- hostile or broken uploads ---------------------------------------------------------------

def test_corrupt_docx_is_reported_as_unreadable_not_a_traceback(client):
    r = upload(client, ("坏文件.docx", b"PK\x03\x04" + b"\x00garbage" * 100), unit="格式测试镇")
    assert r.status_code == 200
    assert "无法读取" in r.text and "FZ001" in r.text and "Traceback" not in r.text


def test_a_file_that_is_no_document_is_refused_in_chinese(client):
    before = doc_count(client)
    r = upload(client, ("照片.docx", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10))
    assert r.status_code == 400 and "不是可检查的文档" in r.text and "照片.docx" in r.text
    r = upload(client, ("报告.pdf", b"%PDF-1.7\n..."))
    assert r.status_code == 400 and "PDF" in r.text
    assert doc_count(client) == before


def test_oversized_file_is_refused(client):
    big = b"a" * (20 * 1024 * 1024 + 1)
    r = upload(client, ("大文件.txt", big))
    assert r.status_code == 400 and "文件过大" in r.text


def test_oversized_request_is_refused_before_it_is_read(client):
    r = client.post("/upload", content=b"x" * (MAX_BODY + 1),
                    headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413 and "上传内容过大" in r.text


def test_zip_with_a_traversal_name_is_refused_whole(client):
    before = doc_count(client)
    archive = zipped(("好的.txt", FIXED_TEXT), ("../../etc/cron.d/evil.txt", FIXED_TEXT))
    r = upload(client, ("材料.zip", archive))
    assert r.status_code == 400 and "不安全的路径" in r.text
    r = upload(client, ("材料.zip", zipped(("/etc/passwd.txt", FIXED_TEXT))))
    assert r.status_code == 400 and "不安全的路径" in r.text
    assert doc_count(client) == before


def test_zip_bomb_is_refused_before_extraction(client):
    before = doc_count(client)
    too_big = zipped(("炸弹.txt", b"0" * (25 * 1024 * 1024)))  # 25 MB of zeros in ~25 KB
    r = upload(client, ("材料.zip", too_big))
    assert r.status_code == 400 and "过大" in r.text
    dense = zipped(("炸弹.txt", b"0" * (5 * 1024 * 1024)))  # under the size limit, but 1000:1
    r = upload(client, ("材料.zip", dense))
    assert r.status_code == 400 and "压缩比异常" in r.text
    assert doc_count(client) == before


def test_a_word_file_that_is_a_zip_bomb_is_refused(client):
    bomb = zipped(("[Content_Types].xml", "<Types/>"), ("word/document.xml", b"<w:document>" + b" " * (120 * 1024 * 1024)))
    assert len(bomb) < 1024 * 1024
    r = upload(client, ("炸弹.docx", bomb))
    assert r.status_code == 400 and "疑似压缩炸弹" in r.text


def test_a_zip_whose_member_lies_about_its_size_is_refused(client):
    archive = bytearray(zipped(("谎报.txt", b"0" * 300_000)))
    # shrink the declared size in the central directory; the real data is larger
    at = archive.rfind(b"PK\x01\x02")
    archive[at + 24:at + 28] = (1000).to_bytes(4, "little")
    r = upload(client, ("材料.zip", bytes(archive)))
    assert r.status_code == 400 and "未能检查" in r.text


def test_too_many_files_are_refused(client):
    r = upload(client, *[(f"{i}.txt", FIXED_TEXT.encode()) for i in range(21)])
    assert r.status_code == 400 and "最多" in r.text


def test_nothing_chosen(client):
    r = client.post("/upload", data={"csrf": csrf(client)}, files=[("files", ("", b""))])
    assert r.status_code == 400 and "没有收到文件" in r.text


def test_error_pages_are_chinese(client):
    r = client.get("/没有这一页")
    assert r.status_code == 404 and "页面不存在" in r.text
    assert client.get("/s/nosuchtoken").status_code == 404
    r = client.get("/upload")
    assert r.status_code == 405 and "请求方式不对" in r.text


def test_pages_forbid_framing_and_outside_scripts(client):
    r = client.get("/")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script src=\"/static/drop.js\"" in r.text and "http" not in re.sub(r'href="/[^"]*"', "", r.text).split("<body>")[0]
    assert client.get("/static/serve.css").status_code == 200
    assert client.get("/static/report.css").status_code == 200


# --- CSRF --------------------------------------------------------------------------------------

def test_forms_without_the_token_are_rejected(client):
    before = doc_count(client)
    files = [("files", ("草稿.txt", SAMPLE_TEXT.encode()))]
    r = client.post("/upload", files=files)
    assert r.status_code == 403 and "CSRF" in r.text
    client.get("/")
    r = client.post("/upload", data={"csrf": "forged"}, files=files)
    assert r.status_code == 403
    r = client.post("/ledger/roster", data={"csrf": "forged", "year": "2024", "roster": "某镇"})
    assert r.status_code == 403
    assert doc_count(client) == before


# --- the ledger --------------------------------------------------------------------------------

def test_ledger_after_uploads_and_re_uploads(client):
    token = csrf(client)
    roster = "# 2023 年应报送\n示例镇人民政府 = 示例镇\n金龙街道办事处 = 金龙街道\n栗子乡人民政府\n"
    r = client.post("/ledger/roster", data={"csrf": token, "year": "2023", "roster": roster})
    assert r.status_code == 200 and "名单已保存" in r.text
    assert [row.status for row in ledger.overview(client.app.state.engine, 2023)] == ["未报送"] * 3

    first = upload(client, ("示例镇报告.txt", SAMPLE_TEXT.encode()), year="2023")  # unit from the title
    assert "示例镇人民政府" in first.text and "第 1 版" in first.text
    second = upload(client, ("示例镇报告（改）.docx", SAMPLE_DOCX.read_bytes()), year="2023")
    assert "第 2 版" in second.text and "问题没有变化" in second.text
    third = upload(client, ("示例镇报告（定稿）.txt", FIXED_TEXT.encode()), year="2023")
    assert "第 3 版" in third.text and "通过" in third.text
    assert "已改正 3 处" in third.text and "新出现" not in third.text
    jinlong = upload(client, ("报告.txt", SAMPLE_TEXT.encode()), year="2023", unit="金龙街道")
    assert "金龙街道办事处" in jinlong.text
    stray = upload(client, ("某某单位.txt", FIXED_TEXT.replace("示例镇", "").encode()), year="2023")
    assert "某某单位" in stray.text  # no unit chosen, none in the title: the file name

    rows = {row.unit: row for row in ledger.overview(client.app.state.engine, 2023)}
    assert [(u, r.status, r.versions, r.expected) for u, r in rows.items()] == [
        ("示例镇人民政府", "通过", 3, True), ("金龙街道办事处", "需修改", 1, True), ("栗子乡人民政府", "未报送", 0, True),
        ("某某单位", "需修改", 1, False)]
    page = client.get("/ledger?year=2023").text
    assert page.count("badge pass") >= 2 and "不在名单中" in page and "栗子乡人民政府" in page

    history = client.get("/ledger/unit", params={"year": 2023, "unit": "示例镇人民政府"}).text
    assert history.count("第 ") >= 3 and "批注副本" in history

    from openpyxl import load_workbook

    xlsx = client.get("/ledger/2023.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = list(book["汇总"].iter_rows(min_row=3, values_only=True))
    paths = [row[1] for row in rows if row[4] != "未报送"]
    assert len(paths) == 5 and "示例镇人民政府/第3版 示例镇报告（定稿）.txt" in paths
    assert {row[0] for row in rows if row[4] == "未报送"} == {
        r.unit for r in ledger.overview(client.app.state.engine, 2023) if r.status == "未报送"}
    stored = ledger.submissions_of(client.app.state.engine, 2023)
    assert book["问题明细"].max_row - 2 == sum(r["errors"] + r["warnings"] + r["infos"] for r in stored) >= 9

    archive = zipfile.ZipFile(io.BytesIO(client.get("/ledger/2023.zip").content))
    names = archive.namelist()
    assert "2023年度台账.xlsx" in names
    assert "示例镇人民政府/第2版/示例镇报告（改）.批注.docx" in names
    assert "示例镇人民政府/第1版/示例镇报告.检查报告.html" in names
    assert archive.read("示例镇人民政府/第3版/示例镇报告（定稿）.txt") == FIXED_TEXT.encode()


def test_a_roster_can_be_uploaded_as_a_file(client):
    token = csrf(client)
    text = "松江镇人民政府 ＝ 松江镇\r\n\r\n金龙街道办事处\r\n".encode("gb18030")
    r = client.post("/ledger/roster", data={"csrf": token, "year": "2022", "roster": ""},
                    files=[("expect", ("名单.txt", text))])
    assert r.status_code == 200
    assert ledger.roster_text(client.app.state.engine, 2022) == "松江镇人民政府 = 松江镇\n金龙街道办事处\n"


def test_the_same_file_is_stored_once(client):
    for _ in range(2):
        upload(client, ("一样.txt", FIXED_TEXT.encode()), unit="去重测试镇", year="2021")
    with client.app.state.engine.connect() as c:
        shas = c.execute(ledger.sa.select(ledger.submissions.c.sha256)
                         .where(ledger.submissions.c.unit == "去重测试镇")).scalars().all()
        stored = c.execute(ledger.sa.select(ledger.sa.func.count()).select_from(ledger.files)
                           .where(ledger.files.c.sha256 == shas[0])).scalar()
    assert len(shas) == 2 and len(set(shas)) == 1 and stored == 1


# --- beyond localhost --------------------------------------------------------------------------

def test_serving_beyond_localhost_needs_a_password(tmp_path):
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    with pytest.raises(ledger.LedgerError, match="--set-password"):
        create_app(Settings(database=url, host="0.0.0.0"))


def test_the_password_gate(tmp_path):
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    ledger.set_setting(ledger.connect(url), "password_hash", hash_password("县里的密码123"))
    client = TestClient(create_app(Settings(database=url, host="0.0.0.0")), follow_redirects=False)
    assert client.get("/").status_code == 200  # clerks upload without signing in
    for path in ("/ledger", "/ledger/2024.xlsx", "/ledger/2024.zip", "/ledger/unit?year=2024&unit=x"):
        r = client.get(path)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    token = csrf(client)
    r = client.post("/login", data={"csrf": token, "password": "猜的密码", "next": "/ledger"})
    assert r.status_code == 401 and "密码不正确" in r.text
    r = client.post("/login", data={"password": "县里的密码123", "next": "/ledger"})
    assert r.status_code == 403  # no token
    r = client.post("/login", data={"csrf": token, "password": "县里的密码123", "next": "//evil.example/"})
    assert r.status_code == 303 and r.headers["location"] == "/ledger"
    assert client.get("/ledger").status_code == 200
    assert client.get("/ledger/2024.xlsx").status_code == 200
    page = client.get("/ledger").text
    new_token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    assert new_token != token  # a new token once signed in
    assert client.post("/logout", data={"csrf": new_token}).status_code == 303
    assert client.get("/ledger").status_code == 303


def test_a_set_password_gates_localhost_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    ledger.set_setting(ledger.connect(url), "password_hash", hash_password("县里的密码123"))
    client = TestClient(create_app(Settings(database=url)), follow_redirects=False)  # any host name
    assert client.get("/ledger").status_code == 303  # e.g. behind a reverse proxy on this machine


def test_without_a_password_only_local_names_are_answered(client):
    assert client.get("/ledger").status_code == 200
    assert client.get("/ledger", headers={"host": "localhost:8350"}).status_code == 200
    r = client.get("/ledger", headers={"host": "attacker.example:8350"})  # a name rebound to 127.0.0.1
    assert r.status_code == 400 and "127.0.0.1" in r.text


def test_the_command_line_sets_the_password_and_refuses_an_open_intranet_server(tmp_path):
    from typer.testing import CliRunner

    from fazhilint.cli import app
    from fazhilint.serve.security import verify_password

    data = tmp_path / "data"
    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--data", str(data)])
    assert r.exit_code == 2 and "--set-password" in r.output
    r = CliRunner().invoke(app, ["serve", "--set-password", "--data", str(data)], input="短\n")
    assert r.exit_code == 2 and "至少 8 位" in r.output
    r = CliRunner().invoke(app, ["serve", "--set-password", "--data", str(data)], input="县里的密码123\n")
    assert r.exit_code == 0, r.output
    stored = ledger.setting(ledger.connect(f"sqlite:///{data / 'ledger.sqlite3'}"), "password_hash")
    assert verify_password("县里的密码123", stored)


def test_password_hashes_are_salted_scrypt():
    from fazhilint.serve.security import verify_password

    a, b = hash_password("密码12345678"), hash_password("密码12345678")
    assert a != b and a.startswith("scrypt$")
    assert verify_password("密码12345678", a) and not verify_password("密码12345679", a)
    assert not verify_password("x", None) and not verify_password("x", "garbage")


# --- the worker pool ---------------------------------------------------------------------------

def test_a_file_past_its_time_limit_costs_one_worker_not_the_server():
    pool = WorkerPool(1, time_limit=1)
    try:
        started = time.monotonic()
        with pytest.raises(WorkerTimeout):
            pool.run(time.sleep, 30)
        assert time.monotonic() - started < 10
        assert pool.run(abs, -3) == 3  # a fresh worker took its place
        with pytest.raises(WorkerCrashed):
            pool.run(int, "不是数字")
        assert pool.run(abs, -4) == 4
    finally:
        pool.close()


def test_schema_is_versioned(tmp_path):
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    engine = ledger.connect(url)
    with engine.begin() as c:
        assert c.execute(ledger.sa.select(ledger.schema_version.c.version)).scalar() == ledger.SCHEMA_VERSION
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        c.execute(ledger.schema_version.update().values(version=ledger.SCHEMA_VERSION + 1))
    with pytest.raises(ledger.LedgerError, match="升级"):
        ledger.connect(url)
