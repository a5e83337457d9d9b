"""Backups that can be restored, and proof that they were.

``backup(dest)`` writes three files into ``dest``:

- ``database.dump``: ``pg_dump`` in PostgreSQL's custom format (compressed, restorable table by
  table with ``pg_restore``);
- ``media.tar.gz``: everything under ``MEDIA_ROOT`` (documents, certificates, images);
- ``manifest.json``: for every table its row count and a checksum of its rows, for every file
  its size and SHA-256, and the SHA-256 of the two archives.

The counts and checksums are taken inside the very snapshot ``pg_dump`` dumps
(``pg_export_snapshot`` → ``pg_dump --snapshot``), so they describe the dump exactly, even
while the portal keeps writing. ``restore(src)`` checks the archives against the manifest,
refuses a database that is not empty, restores, unpacks the files, and then computes the same
counts and checksums on the restored database and files: any difference is an error.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media.tar.gz"
FORMAT = 1


class BackupError(Exception):
    pass


def _dsn() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("backup and restore need PostgreSQL (DATABASE_URL=postgres://…)")
    parts = {"dbname": db["NAME"], "user": db.get("USER"), "password": db.get("PASSWORD"),
             "host": db.get("HOST"), "port": str(db.get("PORT") or 5432)}
    return " ".join(f"{k}={_quote(v)}" for k, v in parts.items() if v)


def _quote(value: str) -> str:
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_fingerprints(cursor) -> dict[str, dict]:
    """Row count and an order-independent checksum of every table in the public schema."""
    cursor.execute("SET TIME ZONE 'UTC'")  # timestamps print the same in every session
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    result = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "  # noqa: S608 - a catalogue name
            f"FROM (SELECT md5(t::text) AS h FROM public.{quoted} t) rows"
        )
        count, checksum = cursor.fetchone()
        result[table] = {"rows": count, "checksum": checksum}
    return result


def media_fingerprints(root: Path) -> dict[str, dict]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        for path in sorted(root.rglob("*")) if path.is_file()
    }


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return path


def _pg_env() -> dict:
    env = dict(os.environ)
    password = settings.DATABASES["default"].get("PASSWORD")
    if password:
        env["PGPASSWORD"] = password
    return env


def backup(dest: Path) -> dict:
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty: a backup gets a folder of its own")
    dest.chmod(0o700)  # it holds everything, password hashes included
    dsn = _dsn()
    with psycopg.connect(dsn) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        server = conn.execute("SHOW server_version").fetchone()[0]
        with conn.cursor() as cursor:
            tables = table_fingerprints(cursor)
        subprocess.run(  # noqa: S603 - fixed program, arguments from settings
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
             f"--file={dest / DUMP}", f"--dbname={dsn}"],
            check=True, env=_pg_env(),
        )
        conn.rollback()
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(dest / MEDIA, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": settings.DATABASES["default"]["NAME"],
        "server_version": server,
        "tables": tables,
        "media": media_fingerprints(media_root),
        "archives": {DUMP: _sha256(dest / DUMP), MEDIA: _sha256(dest / MEDIA)},
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    for name in (DUMP, MEDIA, MANIFEST):
        (dest / name).chmod(0o600)
    return manifest


def differences(expected: dict, actual: dict, *, what: str) -> list[str]:
    problems = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            problems.append(f"{what} {name}: missing after restore")
        elif name not in expected:
            problems.append(f"{what} {name}: not in the backup")
        elif expected[name] != actual[name]:
            problems.append(f"{what} {name}: {expected[name]} in the backup, {actual[name]} restored")
    return problems


def _target_is_empty(cursor) -> bool:
    cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    return cursor.fetchone()[0] == 0


def restore(src: Path) -> dict:
    """Restore ``src`` into the (empty) configured database and MEDIA_ROOT, then verify."""
    manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    for name, checksum in manifest["archives"].items():
        if _sha256(src / name) != checksum:
            raise BackupError(f"{name} does not match its manifest: the backup is damaged")
    dsn = _dsn()
    with psycopg.connect(dsn, autocommit=True) as conn, conn.cursor() as cursor:
        if not _target_is_empty(cursor):
            raise BackupError("the target database is not empty: restore into a new, empty database")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"MEDIA_ROOT ({media_root}) is not empty: restore into an empty folder")
    subprocess.run(  # noqa: S603 - fixed program, arguments from settings
        [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         f"--dbname={dsn}", str(src / DUMP)],
        check=True, env=_pg_env(),
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(src / MEDIA, "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    connection.close()
    with psycopg.connect(dsn) as conn, conn.cursor() as cursor:
        tables = table_fingerprints(cursor)
    problems = differences(manifest["tables"], tables, what="table")
    problems += differences(manifest["media"], media_fingerprints(media_root), what="file")
    if problems:
        raise BackupError("the restore does not match the backup:\n" + "\n".join(problems))
    return {"tables": len(tables), "rows": sum(t["rows"] for t in tables.values()), "files": len(manifest["media"])}
