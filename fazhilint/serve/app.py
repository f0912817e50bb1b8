"""The web application: the clerk's upload page and result, the county's ledger pages.

Pages are rendered on the server (Jinja2) and work with scripts off; the one script only lets a
file be dropped on the upload box. Every error is a page in Chinese, never a traceback.
"""

from __future__ import annotations

import asyncio
import io
import secrets
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from fazhilint.config import Config
from fazhilint.read import MAX_BYTES
from fazhilint.serve import intake, ledger
from fazhilint.serve.security import csrf_ok, csrf_token, is_loopback, verify_password
from fazhilint.serve.worker import (
    TIME_LIMIT,
    WorkerCrashed,
    WorkerPool,
    WorkerTimeout,
    check,
)

HERE = Path(__file__).parent
MAX_BODY = 3 * MAX_BYTES  # one request: a few large files, or many small ones
MAX_ROSTER = 200_000  # characters of a roster list
SEVERITY = {2: ("error", "错误"), 1: ("warning", "警告"), 0: ("info", "提示")}


@dataclass
class Settings:
    database: str  # SQLAlchemy URL
    host: str = "127.0.0.1"
    config: Config = field(default_factory=Config)
    workers: int = 2
    time_limit: float = TIME_LIMIT


class TooLarge(Exception):
    pass


class _BodyLimit:
    """Refuses a request body over ``limit`` bytes, whether or not it says its length."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length and length.isdigit() and int(length) > self.limit:
            return await _too_large_response()(scope, receive, send)
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise TooLarge
            return message

        await self.app(scope, limited, send)


class _LocalOnly:
    """Served on 127.0.0.1 without a password, the ledger is open to this machine: answer only
    requests addressed to it by a local name, so a web page whose name is made to point at
    127.0.0.1 (DNS rebinding) cannot read it through the clerk's browser."""

    NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.NAMES:
                body = templates.get_template("error.html").render(
                    title="地址不对", message="本服务只接受以 127.0.0.1 或 localhost 访问。", signed_in=False)
                response = Response(body, status_code=400, media_type="text/html; charset=utf-8")
                return await response(scope, receive, send)
        await self.app(scope, receive, send)


class _Headers:
    """Security headers on every response: no framing, no sniffing, nothing from elsewhere."""

    POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def add(message):
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                headers += [(b"content-security-policy", self.POLICY.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
            await send(message)

        await self.app(scope, receive, add)


templates = Jinja2Templates(directory=str(HERE / "templates"))


def _local(moment, pattern: str) -> str:
    """A stored time (UTC; SQLite hands it back without a zone) in the server's local time."""

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime(pattern)


templates.env.filters["local"] = _local


def _page(request: Request, name: str, status: int = 200, **context) -> Response:
    context.setdefault("csrf", csrf_token(request.session))
    context["signed_in"] = _authorized(request)
    return templates.TemplateResponse(request, name, context, status_code=status)


def _too_large_response() -> Response:
    limit = MAX_BODY // 1024 // 1024
    body = templates.get_template("error.html").render(
        title="上传内容过大", message=f"一次上传的内容不能超过 {limit} MB，单个文件不能超过 {MAX_BYTES // 1024 // 1024} MB。"
        "请分几次上传，或检查是否选错了文件。", signed_in=False)
    return Response(body, status_code=413, media_type="text/html; charset=utf-8")


def _error(request: Request, status: int, title: str, message: str) -> Response:
    return _page(request, "error.html", status, title=title, message=message)


def _state(request: Request):
    return request.app.state


def _authorized(request: Request) -> bool:
    state = _state(request)
    return not state.password_required or bool(request.session.get("signed_in"))


def _require_ledger(request: Request) -> Response | None:
    if _authorized(request):
        return None
    return RedirectResponse(f"/login?next={quote(str(request.url.path) + ('?' + request.url.query if request.url.query else ''))}", 303)


async def _form(request: Request, max_files: int = 0):
    try:
        form = await request.form(max_files=max_files or 1, max_fields=20)
    except HTTPException:
        raise HTTPException(400, f"表单无法解析：一次最多上传 {intake.MAX_FILES} 个文件") from None
    if not csrf_ok(request.session, form.get("csrf")):
        raise HTTPException(403, "页面已过期或来源不明（CSRF 校验失败），请刷新页面后重新提交")
    return form


def _year(value, fallback: int | None = None) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return fallback
    return year if 1990 <= year <= 2100 else fallback


# --- the clerk's pages -------------------------------------------------------------------------

async def index(request: Request) -> Response:
    engine = _state(request).engine
    year = _year(request.query_params.get("year"))
    units = await run_in_threadpool(_roster_names, engine, year or date.today().year - 1)
    return _page(request, "index.html", units=units, year=year, this_year=date.today().year,
                 max_mb=MAX_BYTES // 1024 // 1024, max_files=intake.MAX_FILES)


def _roster_names(engine, year: int) -> list[str]:
    from fazhilint.roster import parse_roster

    return [u.name for u in parse_roster(ledger.roster_text(engine, year))]


async def upload(request: Request) -> Response:
    form = await _form(request, max_files=intake.MAX_FILES)
    state = _state(request)
    chosen_unit = str(form.get("unit") or "").strip()[:100]
    chosen_year = _year(form.get("year"))
    documents, refused = [], []
    for item in form.getlist("files"):
        if isinstance(item, str) or not item.filename and not item.size:
            continue
        data = await item.read()  # bounded by the request limit; expand() refuses a file over MAX_BYTES
        try:
            for found in intake.expand(item.filename or "", data):
                (refused if isinstance(found, intake.Rejected) else documents).append(
                    str(found) if isinstance(found, intake.Rejected) else found)
        except intake.Rejected as e:
            refused.append(f"{intake.display_name(item.filename or '')}：{e}")
    if len(documents) > intake.MAX_FILES:
        return _error(request, 400, "文件过多", f"一次最多检查 {intake.MAX_FILES} 个文件（含压缩包内的文件），请分批上传。")
    if not documents:
        message = "；".join(refused) if refused else "没有收到文件，请先选择要检查的报告。"
        return _error(request, 400, "未能检查", message)
    batch = secrets.token_urlsafe(32)
    checked = await asyncio.gather(*(_check_one(state, doc) for doc in documents))
    rows = []
    for doc, outcome in zip(documents, checked, strict=True):  # recorded in the order uploaded
        if isinstance(outcome, str):
            refused.append(outcome)
        else:
            rows.append(await _record(state, batch, doc, outcome, chosen_unit, chosen_year))
    if len(rows) == 1 and not refused:
        return RedirectResponse(f"/s/{rows[0]['token']}", 303)
    if not rows:
        return _error(request, 400, "未能检查", "；".join(refused))
    return RedirectResponse(f"/b/{batch}", 303) if not refused else _page(
        request, "batch.html", rows=rows, refused=refused, severity=SEVERITY)


async def _check_one(state, doc: intake.Upload) -> dict | str:
    """What the worker found in one file, or why it could not say."""
    try:
        # at most one waiting thread per worker: queued files wait here, not in the threads pages need
        checked = await anyio.to_thread.run_sync(state.pool.run, check, doc.data, doc.kind, doc.name, state.config,
                                                 limiter=state.lint_slots)
    except WorkerTimeout:
        return f"{doc.name}：检查超过 {state.pool.time_limit:.0f} 秒仍未完成，已中止，未记入台账；请确认文件是否正常"
    except WorkerCrashed:
        return f"{doc.name}：检查时出错，未记入台账；请另存为 .docx 后重试"
    return checked


async def _record(state, batch: str, doc: intake.Upload, checked: dict, chosen_unit: str, chosen_year: int | None):
    year = chosen_year or checked["year"] or date.today().year - 1
    unit = await run_in_threadpool(_unit_for, state.engine, year, chosen_unit, checked["unit"], doc.name)
    return await run_in_threadpool(ledger.record, state.engine, batch=batch, unit=unit, year=year,
                                   filename=doc.name, kind=doc.kind, data=doc.data, checked=checked)


def _unit_for(engine, year: int, chosen: str, from_title: str | None, filename: str) -> str:
    """The unit chosen on the page, else the one the title names, else the file name; each mapped to
    the roster's name when the roster knows it."""
    from fazhilint.roster import match_unit, parse_roster

    units = parse_roster(ledger.roster_text(engine, year))
    for name in (chosen, from_title):
        if name:
            return match_unit(name, units) or name
    stem = filename.rsplit(".", 1)[0].strip() or "未命名单位"
    return match_unit(stem, units) or stem[:100]


async def show_batch(request: Request) -> Response:
    rows = await run_in_threadpool(ledger.batch, _state(request).engine, request.path_params["token"])
    if not rows:
        raise HTTPException(404)
    return _page(request, "batch.html", rows=rows, refused=[], severity=SEVERITY)


async def result(request: Request) -> Response:
    engine = _state(request).engine
    row = await run_in_threadpool(ledger.submission, engine, request.path_params["token"])
    if row is None:
        raise HTTPException(404)
    before = await run_in_threadpool(ledger.previous, engine, row)
    fixed = added = None
    if before:
        old = await run_in_threadpool(ledger.findings_of, engine, before["id"])
        new = await run_in_threadpool(ledger.findings_of, engine, row["id"])
        fixed, added = ledger.changes(old, new)
    return _page(request, "result.html", row=row, before=before, fixed=fixed, added=added, severity=SEVERITY)


async def download(request: Request) -> Response:
    engine = _state(request).engine
    row = await run_in_threadpool(ledger.submission, engine, request.path_params["token"])
    what = request.path_params["what"]
    if row is None or what not in ("original", "annotated") or what == "annotated" and not row["annotated_sha256"]:
        raise HTTPException(404)
    sha = row["sha256"] if what == "original" else row["annotated_sha256"]
    data = await run_in_threadpool(ledger.file_data, engine, sha)
    stem = row["filename"].rsplit(".", 1)[0]
    name = f"{stem}{row['kind']}" if what == "original" else f"{stem}.批注.docx"
    return Response(data, media_type=_MEDIA.get(Path(name).suffix, "application/octet-stream"),
                    headers={"content-disposition": _attachment(name)})


_MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          ".zip": "application/zip", ".txt": "text/plain; charset=utf-8"}


def _attachment(name: str) -> str:
    return f"attachment; filename=\"download{Path(name).suffix}\"; filename*=UTF-8''{quote(name)}"


# --- the county's ledger -----------------------------------------------------------------------

async def ledger_page(request: Request) -> Response:
    if (gate := _require_ledger(request)) is not None:
        return gate
    engine = _state(request).engine
    known = await run_in_threadpool(ledger.years, engine)
    year = _year(request.query_params.get("year"), known[0] if known else date.today().year - 1)
    rows = await run_in_threadpool(ledger.overview, engine, year)
    roster = await run_in_threadpool(ledger.roster_text, engine, year)
    counts = {s: sum(r.status == s for r in rows)
              for s in (ledger.STATUS_MISSING, ledger.STATUS_FAILING, ledger.STATUS_PASSING)}
    return _page(request, "ledger.html", year=year, years=sorted(set(known) | {year}, reverse=True), rows=rows,
                 roster=roster, counts=counts, saved=request.query_params.get("saved"))


async def save_roster(request: Request) -> Response:
    if (gate := _require_ledger(request)) is not None:
        return gate
    form = await _form(request, max_files=1)
    year = _year(form.get("year"))
    if year is None:
        return _error(request, 400, "年度有误", "请填写 1990—2100 之间的年度。")
    text = str(form.get("roster") or "")
    upload = form.get("expect")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        from fazhilint.read.text import decode
        from fazhilint.source import UnreadableInput

        try:
            text = decode(await upload.read(MAX_ROSTER * 4), "名单").text
        except UnreadableInput as e:
            return _error(request, 400, "名单无法读取", f"{e}。名单文件应为文本文件（.txt），每行一个单位。")
    if len(text) > MAX_ROSTER:
        return _error(request, 400, "名单过长", "名单不能超过 20 万字。")
    from fazhilint.roster import format_roster, parse_roster

    await run_in_threadpool(ledger.set_roster, _state(request).engine, year, format_roster(parse_roster(text)))
    return RedirectResponse(f"/ledger?year={year}&saved=1", 303)


async def unit_page(request: Request) -> Response:
    if (gate := _require_ledger(request)) is not None:
        return gate
    year = _year(request.query_params.get("year"))
    unit = request.query_params.get("unit", "")
    rows = await run_in_threadpool(ledger.history, _state(request).engine, year or 0, unit)
    if year is None or not unit:
        raise HTTPException(404)
    return _page(request, "unit.html", year=year, unit=unit, rows=rows, severity=SEVERITY)


async def export(request: Request) -> Response:
    if (gate := _require_ledger(request)) is not None:
        return gate
    year = _year(request.path_params["year"])
    fmt = request.path_params["fmt"]
    if year is None or fmt not in ("xlsx", "zip"):
        raise HTTPException(404)
    engine = _state(request).engine
    if fmt == "xlsx":
        data = await run_in_threadpool(_workbook, engine, year)
        return Response(data, media_type=_MEDIA[".xlsx"], headers={"content-disposition": _attachment(f"{year}年度台账.xlsx")})
    path = await run_in_threadpool(_archive, engine, year)
    from starlette.background import BackgroundTask

    return FileResponse(path, media_type=_MEDIA[".zip"], headers={"content-disposition": _attachment(f"{year}年度报送材料.zip")},
                        background=BackgroundTask(path.unlink, missing_ok=True))


def _stored_ledger(engine, year: int):
    """The year's submissions as the command line's ledger (fazhilint/ledger.py), as far as the
    xlsx report reads it: units, verdicts, findings, and the roster's units that did not submit."""
    from fazhilint import ledger as batch
    from fazhilint.diagnostics import Diagnostic, Severity

    submissions = []
    for row in ledger.submissions_of(engine, year):
        path = f"{row['unit']}/第{row['version']}版 {row['filename']}"
        diagnostics = []
        for f in ledger.findings_of(engine, row["id"]):
            d = Diagnostic(f["code"], f["name"], 0, 0, f["message"], severity=Severity(f["severity"]))
            d.path, d.line, d.column, d.location = path, f["line"], f["col"], f["location"] or None
            diagnostics.append(d)
        result = SimpleNamespace(path=path, readable=row["readable"], diagnostics=diagnostics, source=None,
                                 document=None)
        status = (batch.UNREADABLE if not row["readable"] else batch.PASSED if row["passed"] else batch.TO_FIX)
        submissions.append(batch.Submission(result, row["unit"], "", status=status))
    missing = [r.unit for r in ledger.overview(engine, year) if r.status == ledger.STATUS_MISSING]
    return batch.Ledger(submissions, year, missing=missing)


def _workbook(engine, year: int) -> bytes:
    from fazhilint.report import RenderContext
    from fazhilint.report.xlsx import render

    stored = _stored_ledger(engine, year)
    buffer = io.BytesIO()
    render([s.result for s in stored.submissions], buffer, RenderContext(ledger=stored))
    return buffer.getvalue()


def _archive(engine, year: int) -> Path:
    """Everything of the year: the workbook, and per unit each version's file, annotated copy and report."""
    from fazhilint.report.html import CSS

    handle = tempfile.NamedTemporaryFile(prefix="fazhilint-export-", suffix=".zip", delete=False)
    with handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{year}年度台账.xlsx", _workbook(engine, year))
        for row in ledger.submissions_of(engine, year):
            folder = f"{_safe(row['unit'])}/第{row['version']}版"
            stem = _safe(row["filename"].rsplit(".", 1)[0])
            z.writestr(f"{folder}/{stem}{row['kind']}", ledger.file_data(engine, row["sha256"]))
            if row["annotated_sha256"]:
                z.writestr(f"{folder}/{stem}.批注.docx", ledger.file_data(engine, row["annotated_sha256"]))
            report = ledger.submission(engine, row["token"])["report_html"]
            z.writestr(f"{folder}/{stem}.检查报告.html",
                       '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                       '<meta name="viewport" content="width=device-width, initial-scale=1">'
                       f"<title>{_escape(row['filename'])}</title><style>{CSS}</style></head><body><main>"
                       f"{report}</main></body></html>")
    return Path(handle.name)


def _safe(name: str) -> str:
    """A name for a folder or file inside the archive: no separators, no dots in front."""
    cleaned = "".join("_" if c in '\\/:*?"<>|' or not c.isprintable() else c for c in name).strip(" .")
    return cleaned[:80] or "未命名"


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


# --- signing in --------------------------------------------------------------------------------

async def login(request: Request) -> Response:
    target = _next(request.query_params.get("next"))
    if request.method == "GET":
        return _page(request, "login.html", target=target, failed=False)
    form = await _form(request)
    target = _next(form.get("next"))
    stored = _state(request).password_hash
    ok = await run_in_threadpool(verify_password, str(form.get("password") or ""), stored)
    if not ok:
        return _page(request, "login.html", 401, target=target, failed=True)
    request.session.clear()
    request.session["signed_in"] = True
    csrf_token(request.session)  # a new token once signed in
    return RedirectResponse(target, 303)


async def logout(request: Request) -> Response:
    await _form(request)
    request.session.clear()
    return RedirectResponse("/", 303)


def _next(value) -> str:
    value = str(value or "/ledger")
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/ledger"


async def report_css(request: Request) -> Response:
    from fazhilint.report.html import CSS

    return Response(CSS, media_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})


# --- errors ------------------------------------------------------------------------------------

_TITLES = {400: "请求有误", 403: "无权访问", 404: "页面不存在", 405: "请求方式不对", 413: "上传内容过大"}


async def http_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail if exc.detail and any("\u4e00" <= c <= "\u9fff" for c in str(exc.detail)) else {
        404: "没有这个页面，或链接已失效。", 405: "请从页面上的按钮提交。"}.get(exc.status_code, "请返回上一页重试。")
    return _error(request, exc.status_code, _TITLES.get(exc.status_code, "出错了"), message)


async def too_large(request: Request, exc: TooLarge) -> Response:
    return _too_large_response()


async def server_error(request: Request, exc: Exception) -> Response:
    body = templates.get_template("error.html").render(
        title="服务器出错", message="处理请求时出错，已中止；请稍后重试。若反复出现，请联系管理员查看服务器日志。", signed_in=False)
    return Response(body, status_code=500, media_type="text/html; charset=utf-8")


# --- the application ---------------------------------------------------------------------------

def create_app(settings: Settings) -> Starlette:
    from contextlib import asynccontextmanager

    engine = ledger.connect(settings.database)
    password_hash = ledger.setting(engine, "password_hash")
    if not is_loopback(settings.host) and not password_hash:
        raise ledger.LedgerError("在本机以外的地址提供服务须先设置台账密码：fazhilint serve --set-password"
                                 "（带上与启动时相同的 --data 或 --database）")

    @asynccontextmanager
    async def lifespan(app):
        app.state.pool = WorkerPool(settings.workers, settings.time_limit)
        app.state.lint_slots = anyio.CapacityLimiter(settings.workers)
        try:
            yield
        finally:
            app.state.pool.close()
            engine.dispose()

    routes = [
        Route("/", index),
        Route("/upload", upload, methods=["POST"]),
        Route("/s/{token}", result),
        Route("/s/{token}/{what}", download),
        Route("/b/{token}", show_batch),
        Route("/ledger", ledger_page),
        Route("/ledger/roster", save_roster, methods=["POST"]),
        Route("/ledger/unit", unit_page),
        Route("/ledger/{year}.{fmt}", export),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/static/report.css", report_css),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    local_only = is_loopback(settings.host) and not password_hash
    middleware = [
        Middleware(_Headers),
        *([Middleware(_LocalOnly)] if local_only else []),
        Middleware(_BodyLimit, limit=MAX_BODY),
        Middleware(SessionMiddleware, secret_key=ledger.secret_key(engine), session_cookie="fazhilint_session",
                   max_age=8 * 3600, same_site="strict", https_only=False),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, TooLarge: too_large, Exception: server_error})
    app.state.engine = engine
    app.state.config = settings.config
    app.state.password_hash = password_hash
    app.state.password_required = bool(password_hash) or not is_loopback(settings.host)
    return app
