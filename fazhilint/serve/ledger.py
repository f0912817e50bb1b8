"""The county's ledger: submissions by unit and year, every version, in SQLite or PostgreSQL.

One code path through SQLAlchemy Core. Files (the uploads and their annotated copies) are kept
in the database by content hash, so app processes behind a load balancer share nothing but the
database. The schema is versioned in ``schema_version``; a database newer than this code is
refused rather than misread.
"""

from __future__ import annotations

import hashlib
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

SCHEMA_VERSION = 1
STATUS_MISSING, STATUS_FAILING, STATUS_PASSING = "未报送", "需修改", "通过"

metadata = sa.MetaData()
schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))
settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
files = sa.Table(
    "files", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)
rosters = sa.Table(
    "rosters", metadata,
    sa.Column("year", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),  # the list as entered: one unit a line, aliases after =
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
submissions = sa.Table(
    "submissions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("token", sa.String(43), nullable=False, unique=True),  # the clerk's link to the result
    sa.Column("batch", sa.String(43), nullable=False, index=True),  # one upload of one or more files
    sa.Column("unit", sa.String(200), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("filename", sa.String(200), nullable=False),  # as the clerk named it; display only
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("files.sha256"), nullable=False),
    sa.Column("annotated_sha256", sa.String(64), sa.ForeignKey("files.sha256")),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("readable", sa.Boolean, nullable=False),
    sa.Column("passed", sa.Boolean, nullable=False),
    sa.Column("errors", sa.Integer, nullable=False),
    sa.Column("warnings", sa.Integer, nullable=False),
    sa.Column("infos", sa.Integer, nullable=False),
    sa.Column("report_html", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("unit", "year", "version", name="one_version_number"),
    sa.Index("by_unit", "year", "unit", "version"),
)
findings = sa.Table(
    "findings", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False, index=True),
    sa.Column("code", sa.String(8), nullable=False),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("severity", sa.Integer, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("line", sa.Integer, nullable=False),
    sa.Column("col", sa.Integer, nullable=False),
    sa.Column("location", sa.Text, nullable=False),
    sa.Column("excerpt", sa.Text, nullable=False),
)


class LedgerError(Exception):
    """The database cannot be used; the message is for the person starting the server."""


def connect(url: str) -> sa.Engine:
    """An engine for ``url`` with the schema in place (SQLite in WAL mode)."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi, _record):
            dbapi.isolation_level = None  # transactions begin below, not in the driver
            dbapi.execute("PRAGMA journal_mode=WAL")
            dbapi.execute("PRAGMA synchronous=NORMAL")
            dbapi.execute("PRAGMA foreign_keys=ON")

        @sa.event.listens_for(engine, "begin")
        def _begin(conn):
            # a writer takes the lock up front, so it never fails half-way on a stale read
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writing") else "BEGIN")
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    try:
        _migrate(engine)
    except sa.exc.SQLAlchemyError as e:
        raise LedgerError(f"无法打开台账数据库：{e.__class__.__name__}: {e}") from None
    return engine


@contextmanager
def _writing(engine: sa.Engine):
    with engine.connect() as c:
        c.execution_options(writing=True)
        with c.begin():
            yield c


def _migrate(engine: sa.Engine) -> None:
    with _writing(engine) as c:
        metadata.create_all(c)
        found = c.execute(sa.select(schema_version.c.version)).scalar()
        if found is None:
            c.execute(schema_version.insert().values(version=SCHEMA_VERSION))
        elif found > SCHEMA_VERSION:
            raise LedgerError(f"台账数据库的结构版本（{found}）比本程序新（{SCHEMA_VERSION}），请升级 fazhilint")
        # later versions: `for v in range(found + 1, SCHEMA_VERSION + 1): MIGRATIONS[v](c)` and record v


def setting(engine: sa.Engine, key: str) -> str | None:
    with engine.connect() as c:
        return c.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar()


def set_setting(engine: sa.Engine, key: str, value: str) -> None:
    with _writing(engine) as c:
        if c.execute(sa.select(settings.c.key).where(settings.c.key == key)).first():
            c.execute(settings.update().where(settings.c.key == key).values(value=value))
        else:
            c.execute(settings.insert().values(key=key, value=value))


def secret_key(engine: sa.Engine) -> str:
    """The key that signs session cookies: made once, kept in the database, shared by every process."""
    key = setting(engine, "secret_key")
    if key is None:
        try:
            with _writing(engine) as c:
                c.execute(settings.insert().values(key="secret_key", value=secrets.token_urlsafe(48)))
        except IntegrityError:
            pass  # another process made it first
        key = setting(engine, "secret_key")
    return key


def _now() -> datetime:
    return datetime.now(UTC)


def _store_file(c, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    if c.execute(sa.select(files.c.sha256).where(files.c.sha256 == sha)).first() is None:
        c.execute(files.insert().values(sha256=sha, size=len(data), data=data))  # a clash is retried whole
    return sha


def record(engine: sa.Engine, *, batch: str, unit: str, year: int, filename: str, kind: str, data: bytes,
           checked: dict) -> dict:
    """Store one submission as the unit's next version for the year; returns its row."""
    counts = [sum(f["severity"] == s for f in checked["findings"]) for s in (2, 1, 0)]
    for _attempt in range(20):
        try:
            with _writing(engine) as c:
                sha = _store_file(c, data)
                annotated = _store_file(c, checked["annotated"]) if checked.get("annotated") else None
                latest = c.execute(sa.select(sa.func.max(submissions.c.version))
                                   .where(submissions.c.unit == unit, submissions.c.year == year)).scalar()
                row = dict(
                    token=secrets.token_urlsafe(32), batch=batch, unit=unit, year=year, version=(latest or 0) + 1,
                    filename=filename, kind=kind, sha256=sha, annotated_sha256=annotated, title=checked["title"],
                    readable=checked["readable"], passed=checked["passed"], errors=counts[0], warnings=counts[1],
                    infos=counts[2], report_html=checked["report_html"], created_at=_now(),
                )
                row["id"] = c.execute(submissions.insert().values(**row)).inserted_primary_key[0]
                if checked["findings"]:
                    c.execute(findings.insert(), [
                        {"submission_id": row["id"], "code": f["code"], "name": f["name"], "severity": f["severity"],
                         "message": f["message"], "line": f["line"], "col": f["column"],
                         "location": f["location"], "excerpt": f["excerpt"]}
                        for f in checked["findings"]
                    ])
                return row
        except IntegrityError:
            continue  # two versions of one unit at once: the other took this number, take the next
    raise LedgerError("台账写入冲突过多，请稍后重试")


def submission(engine: sa.Engine, token: str) -> dict | None:
    with engine.connect() as c:
        row = c.execute(sa.select(submissions).where(submissions.c.token == token)).mappings().first()
        return dict(row) if row else None


def batch(engine: sa.Engine, token: str) -> list[dict]:
    with engine.connect() as c:
        rows = c.execute(sa.select(*_listing()).where(submissions.c.batch == token)
                         .order_by(submissions.c.id)).mappings()
        return [dict(r) for r in rows]


def _listing():
    return [c for c in submissions.c if c.name != "report_html"]


def findings_of(engine: sa.Engine, submission_id: int) -> list[dict]:
    with engine.connect() as c:
        rows = c.execute(sa.select(findings).where(findings.c.submission_id == submission_id)
                         .order_by(findings.c.id)).mappings()
        return [dict(r) for r in rows]


def previous(engine: sa.Engine, row: dict) -> dict | None:
    """The version of the same unit and year just before this one."""
    with engine.connect() as c:
        found = c.execute(sa.select(*_listing()).where(
            submissions.c.unit == row["unit"], submissions.c.year == row["year"],
            submissions.c.version < row["version"]).order_by(submissions.c.version.desc()).limit(1)).mappings().first()
        return dict(found) if found else None


def changes(before: list[dict], after: list[dict]) -> tuple[list[dict], list[dict]]:
    """Findings fixed since the last version and findings new in this one. A finding is the same
    when its rule and message are: line numbers move as a draft is edited, messages do not."""
    from collections import Counter

    def key(f):
        return f["code"], f["message"]

    old, new = Counter(map(key, before)), Counter(map(key, after))
    fixed, added = old - new, new - old
    return _take(before, fixed, key), _take(after, added, key)


def _take(rows, wanted, key):
    out = []
    for r in rows:
        if wanted[key(r)] > 0:
            wanted[key(r)] -= 1
            out.append(r)
    return out


def file_data(engine: sa.Engine, sha: str) -> bytes | None:
    with engine.connect() as c:
        return c.execute(sa.select(files.c.data).where(files.c.sha256 == sha)).scalar()


def history(engine: sa.Engine, year: int, unit: str) -> list[dict]:
    with engine.connect() as c:
        rows = c.execute(sa.select(*_listing()).where(submissions.c.year == year, submissions.c.unit == unit)
                         .order_by(submissions.c.version.desc())).mappings()
        return [dict(r) for r in rows]


def submissions_of(engine: sa.Engine, year: int) -> list[dict]:
    """Every version of every unit for the year, by unit then version."""
    with engine.connect() as c:
        rows = c.execute(sa.select(*_listing()).where(submissions.c.year == year)
                         .order_by(submissions.c.unit, submissions.c.version)).mappings()
        return [dict(r) for r in rows]


def years(engine: sa.Engine) -> list[int]:
    with engine.connect() as c:
        found = set(c.execute(sa.select(submissions.c.year).distinct()).scalars())
        found |= set(c.execute(sa.select(rosters.c.year)).scalars())
    return sorted(found, reverse=True)


def roster_text(engine: sa.Engine, year: int) -> str:
    with engine.connect() as c:
        return c.execute(sa.select(rosters.c.text).where(rosters.c.year == year)).scalar() or ""


def set_roster(engine: sa.Engine, year: int, text: str) -> None:
    with _writing(engine) as c:
        c.execute(rosters.delete().where(rosters.c.year == year))
        c.execute(rosters.insert().values(year=year, text=text, updated_at=_now()))


@dataclass
class RosterRow:
    unit: str
    status: str
    latest: dict | None
    versions: int
    expected: bool  # on the roster (False: submitted, but not on the list)


def overview(engine: sa.Engine, year: int) -> list[RosterRow]:
    """The year's roster with each unit's status, then units that submitted without being on it."""
    from fazhilint.roster import parse_roster

    units = parse_roster(roster_text(engine, year))
    by_unit: dict[str, list[dict]] = {}
    for row in submissions_of(engine, year):
        by_unit.setdefault(row["unit"], []).append(row)
    rows = [_row(u.name, by_unit.pop(u.name, []), True) for u in units]
    rows += [_row(name, versions, False) for name, versions in sorted(by_unit.items())]
    return rows


def _row(unit: str, versions: list[dict], expected: bool) -> RosterRow:
    latest = versions[-1] if versions else None
    status = STATUS_MISSING if latest is None else STATUS_PASSING if latest["passed"] else STATUS_FAILING
    return RosterRow(unit, status, latest, len(versions), expected)
