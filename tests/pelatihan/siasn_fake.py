"""A local fake of SIASN's three endpoints — the tokens (API gateway and SSO), the employee
look-up (``pns/data-utama/{nip}``) and the training-history save (``kursus/save``), with the
employee's training history (``pns/rw-kursus/{nip}``) beside it — as a real HTTP server on
127.0.0.1 in a thread. No external network.

It answers as the real services do (as public API clients see them): OAuth2 token answers with
``expires_in``, the gateway's 401 ``fault`` for a missing or expired bearer token, Keycloak's
``invalid_grant``, SIASN's ``{"code": 1, "data": …}`` and ``{"success": …, "mapData":
{"rwKursusId": …}}``. It checks every field of a training-history record strictly — the names
(none missing, none extra), the types (integers for ``jumlahJam`` and ``tahunKursus``) and the
formats (``dd-mm-YYYY``) — from the field list BKPSDM was given, written out here on its own and
not taken from the portal's code, and refuses a bad record with 400 and a message. Tests script
failures (a status, a delay) and revoke tokens, and read the log of every request as received.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.utils import translation

from pelatihan.siasn.client import SiasnConfig

RECORD_FIELDS = {
    "id", "pnsOrangId", "instansiId", "institusiPenyelenggara", "jenisDiklatId", "jenisKursus",
    "jenisKursusSertipikat", "jumlahJam", "lokasiId", "namaKursus", "nomorSertipikat", "tahunKursus",
    "tanggalKursus", "tanggalSelesaiKursus", "path",
}
PATH_FIELDS = {"dok_id", "dok_nama", "dok_uri", "object", "slug"}
DATE = re.compile(r"^\d{2}-\d{2}-\d{4}$")
API = "/apisiasn/1.0/"
GATEWAY_TOKEN = "/oauth2/token"
SSO_TOKEN = "/auth/realms/public-siasn/protocol/openid-connect/token"
GATEWAY_FAULT = {"fault": {"code": 900901, "message": "Invalid Credentials",
                           "description": "Invalid Credentials. Make sure you have provided the correct security credentials"}}


@dataclass
class Logged:
    method: str
    path: str
    headers: dict
    body: bytes
    status: int = 0
    answer: dict | str | None = None

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class FakeSiasn:
    consumer_key: str = "kunci-konsumen"
    consumer_secret: str = "rahasia-konsumen"
    sso_client_id: str = "subulussalamws"
    sso_username: str = "198609262015051001"
    sso_password: str = "sandi-operator"
    instansi_id: str = "A5EB03E23CCCF6A0E040640A040252AD"
    gateway_ttl: int = 3600
    sso_ttl: int = 43200
    tokens: dict = field(default_factory=dict)  # token → (kind, expires at, monotonic)
    people: dict = field(default_factory=dict)  # nip → SIASN's data-utama
    courses: dict = field(default_factory=dict)  # rwKursusId → record
    log: list = field(default_factory=list)
    script: list = field(default_factory=list)  # [path fragment, action]
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    # --- control -------------------------------------------------------------------------

    def start(self) -> FakeSiasn:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                fake._handle(self, "GET")

            def do_POST(self):  # noqa: N802 - http.server's name
                fake._handle(self, "POST")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def settings(self, timeout: float = 5.0) -> dict:
        return {
            "API_URL": self.base + API.rstrip("/"), "GATEWAY_TOKEN_URL": self.base + GATEWAY_TOKEN,
            "CONSUMER_KEY": self.consumer_key, "CONSUMER_SECRET": self.consumer_secret,
            "SSO_TOKEN_URL": self.base + SSO_TOKEN, "SSO_CLIENT_ID": self.sso_client_id,
            "SSO_USERNAME": self.sso_username, "SSO_PASSWORD": self.sso_password, "TIMEOUT": timeout,
            "MAX_ATTEMPTS": 4,
        }

    def config(self, timeout: float = 5.0) -> SiasnConfig:
        values = self.settings(timeout)
        return SiasnConfig(
            api_url=values["API_URL"], gateway_token_url=values["GATEWAY_TOKEN_URL"], consumer_key=self.consumer_key,
            consumer_secret=self.consumer_secret, sso_token_url=values["SSO_TOKEN_URL"],
            sso_client_id=self.sso_client_id, sso_username=self.sso_username, sso_password=self.sso_password,
            timeout=timeout,
        )

    def add_person(self, nip: str, name: str) -> str:
        person_id = secrets.token_hex(16).upper()
        self.people[nip] = {"id": person_id, "nipBaru": nip, "nama": name.upper(), "instansiIndukId": self.instansi_id}
        return person_id

    def fail_next(self, fragment: str, status: int, body=None, times: int = 1) -> None:
        """The next ``times`` requests whose path contains ``fragment`` answer ``status``."""
        for _ in range(times):
            self.script.append((fragment, ("status", status, body)))

    def delay_next(self, fragment: str, seconds: float, times: int = 1, *, stored: bool = False) -> None:
        """The next ``times`` such requests are held ``seconds``: then dropped with 504, as a
        gateway does when SIASN behind it does not answer (nothing stored) — or, ``stored``,
        handled as usual and answered late (SIASN stored it; the caller never hears)."""
        for _ in range(times):
            self.script.append((fragment, ("delay", seconds, stored)))

    def add_course(self, person_id: str, **fields) -> str:
        """A record already in the employee's SIASN history (typed in by hand)."""
        rw_id = secrets.token_hex(16)
        self.courses[rw_id] = {"id": rw_id, "pnsOrangId": person_id, "instansiId": self.instansi_id,
                               "jenisKursus": None, "lokasiId": None, "path": []} | fields
        return rw_id

    def expire_tokens(self) -> None:
        """Every token issued so far expires now (the portal's cache still holds them)."""
        with self.lock:
            for token, (kind, _expires) in list(self.tokens.items()):
                self.tokens[token] = (kind, 0.0)

    def wait_for(self, condition, seconds: float = 5.0) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            assert time.monotonic() < deadline, "the fake did not get there in time"
            time.sleep(0.02)

    def requests(self, fragment: str) -> list[Logged]:
        return [entry for entry in self.log if fragment in entry.path]

    def saves(self, status: int | None = 200) -> list[Logged]:
        return [e for e in self.requests("kursus/save") if status is None or e.status == status]

    # --- serving -------------------------------------------------------------------------

    def _answer(self, handler, entry: Logged, status: int, answer) -> None:
        entry.status, entry.answer = status, answer
        body = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html" if isinstance(answer, str) else "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def _scripted(self, path: str):
        with self.lock:
            for i, (fragment, _action) in enumerate(self.script):
                if fragment in path:
                    return self.script.pop(i)[1]
        return None

    def _handle(self, handler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        entry = Logged(method, handler.path, dict(handler.headers.items()), handler.rfile.read(length))
        self.log.append(entry)
        action = self._scripted(handler.path)
        if action and action[0] == "delay":
            time.sleep(action[1])
            if action[2]:
                action = None  # handled as usual below, just late
        if action and action[0] == "delay":
            return self._answer(handler, entry, 504, {"fault": {"code": 101504, "message": "Runtime Error",
                                                              "description": "Send timeout"}})
        if action and action[0] == "status":
            return self._answer(handler, entry, action[1], action[2] if action[2] is not None else
                                "<html><body><h1>503 Service Unavailable</h1></body></html>")
        path = urlsplit(handler.path).path
        if method == "POST" and path == GATEWAY_TOKEN:
            return self._answer(handler, entry, *self._gateway_token(entry))
        if method == "POST" and path == SSO_TOKEN:
            return self._answer(handler, entry, *self._sso_token(entry))
        if path.startswith(API):
            return self._answer(handler, entry, *self._api(entry, method, path[len(API):]))
        return self._answer(handler, entry, 404, {"message": "not found"})

    def _issue(self, kind: str, ttl: int) -> dict:
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[token] = (kind, time.monotonic() + ttl)
        return {"access_token": token, "token_type": "Bearer", "expires_in": ttl}

    def _valid(self, token: str, kind: str) -> bool:
        with self.lock:
            found = self.tokens.get(token)
        return bool(found) and found[0] == kind and found[1] > time.monotonic()

    def _gateway_token(self, entry: Logged):
        form = parse_qs(entry.body.decode())
        if entry.headers.get("Content-Type") != "application/x-www-form-urlencoded":
            return 415, {"error": "invalid_request", "error_description": "form encoding expected"}
        expected = base64.b64encode(f"{self.consumer_key}:{self.consumer_secret}".encode()).decode()
        if entry.headers.get("Authorization") != f"Basic {expected}":
            return 401, {"error": "invalid_client", "error_description": "Client Authentication failed."}
        if form.get("grant_type") != ["client_credentials"]:
            return 400, {"error": "unsupported_grant_type", "error_description": "Unsupported grant_type value"}
        return 200, self._issue("gateway", self.gateway_ttl) | {"scope": "default"}

    def _sso_token(self, entry: Logged):
        form = {k: v[0] for k, v in parse_qs(entry.body.decode()).items()}
        if form.get("grant_type") != "password":
            return 400, {"error": "unsupported_grant_type", "error_description": "Unsupported grant_type"}
        if form.get("client_id") != self.sso_client_id:
            return 401, {"error": "invalid_client", "error_description": "Invalid client credentials"}
        if (form.get("username"), form.get("password")) != (self.sso_username, self.sso_password):
            return 401, {"error": "invalid_grant", "error_description": "Invalid user credentials"}
        return 200, self._issue("sso", self.sso_ttl) | {
            "refresh_expires_in": 1800, "refresh_token": secrets.token_urlsafe(16), "not-before-policy": 0,
            "session_state": secrets.token_hex(8), "scope": "email profile"}

    def _api(self, entry: Logged, method: str, route: str):
        bearer = entry.headers.get("Authorization", "")
        if not bearer.startswith("Bearer ") or not self._valid(bearer[7:], "gateway"):
            return 401, GATEWAY_FAULT
        auth = entry.headers.get("Auth", "")
        if not auth.lower().startswith("bearer ") or not self._valid(auth[7:], "sso"):
            return 401, {"code": 0, "message": "invalid or expired SSO token"}
        if method == "GET" and route.startswith("pns/data-utama/"):
            nip = route.rsplit("/", 1)[-1]
            if nip in self.people:
                return 200, {"code": 1, "data": self.people[nip]}
            return 200, {"code": 0, "data": "Data tidak ditemukan"}
        if method == "GET" and route.startswith("pns/rw-kursus/"):
            person = self.people.get(route.rsplit("/", 1)[-1])
            if person is None:
                return 200, {"code": 0, "data": "Data tidak ditemukan"}
            with self.lock:
                history = [dict(c) for c in self.courses.values() if c["pnsOrangId"] == person["id"]]
            return 200, {"code": 1, "data": history}
        if method == "POST" and route == "kursus/save":
            return self._save(entry)
        return 404, {"code": 0, "message": f"no resource {route}"}

    def _save(self, entry: Logged):
        if not entry.headers.get("Content-Type", "").startswith("application/json"):
            return 415, {"success": False, "message": "Content-Type must be application/json"}
        try:
            record = json.loads(entry.body)
        except ValueError:
            return 400, {"success": False, "message": "body is not JSON"}
        errors = self.check_record(record)
        if errors:
            return 400, {"success": False, "message": "; ".join(errors)}
        with self.lock:
            rw_id = record["id"] or secrets.token_hex(16)
            self.courses[rw_id] = record | {"id": rw_id}
        return 200, {"success": True, "message": "success", "mapData": {"rwKursusId": rw_id}}

    def check_record(self, record) -> list[str]:  # noqa: C901 - one check per field, in the field list's order
        if not isinstance(record, dict):
            return ["the record must be a JSON object"]
        errors = []
        if set(record) != RECORD_FIELDS:
            missing, extra = sorted(RECORD_FIELDS - set(record)), sorted(set(record) - RECORD_FIELDS)
            return [f"fields missing: {missing}; unknown fields: {extra}"]

        def text(name, *, required=True):
            value = record[name]
            if value is None and not required:
                return
            if not isinstance(value, str) or (required and not value.strip()):
                errors.append(f"{name} must be a non-empty string, got {value!r}")

        def whole(name, low, high):
            value = record[name]
            if type(value) is not int or not low <= value <= high:
                errors.append(f"{name} must be an integer {low}..{high}, got {value!r}")

        rw_id = record["id"]
        if rw_id is not None and (not isinstance(rw_id, str) or rw_id not in self.courses):
            errors.append(f"riwayat kursus {rw_id!r} tidak ditemukan")
        text("pnsOrangId")
        if isinstance(record["pnsOrangId"], str) and record["pnsOrangId"] not in {p["id"] for p in self.people.values()}:
            errors.append("pnsOrangId tidak ditemukan")
        if rw_id in self.courses and self.courses[rw_id]["pnsOrangId"] != record["pnsOrangId"]:
            errors.append("riwayat kursus milik PNS lain")
        if record["instansiId"] != self.instansi_id:
            errors.append(f"instansiId tidak valid: {record['instansiId']!r}")
        text("institusiPenyelenggara")
        if not (isinstance(record["jenisDiklatId"], str) and record["jenisDiklatId"].isdigit()
                and 1 <= int(record["jenisDiklatId"]) <= 25):
            errors.append(f"jenisDiklatId must be a reference id 1..25 as a string, got {record['jenisDiklatId']!r}")
        text("jenisKursus", required=False)
        text("jenisKursusSertipikat")
        whole("jumlahJam", 1, 1000)
        text("lokasiId", required=False)
        text("namaKursus")
        text("nomorSertipikat")
        whole("tahunKursus", 1950, 2100)
        dates = []
        for name in ("tanggalKursus", "tanggalSelesaiKursus"):
            value = record[name]
            try:
                if not isinstance(value, str) or not DATE.match(value):
                    raise ValueError
                dates.append(dt.datetime.strptime(value, "%d-%m-%Y").date())
            except ValueError:
                errors.append(f"{name} must be dd-mm-YYYY, got {value!r}")
        if len(dates) == 2 and dates[1] < dates[0]:
            errors.append("tanggalSelesaiKursus is before tanggalKursus")
        if len(dates) == 2 and type(record["tahunKursus"]) is int and record["tahunKursus"] not in {d.year for d in dates}:
            errors.append("tahunKursus is not the year of the course")
        path = record["path"]
        if not isinstance(path, list) or any(not isinstance(d, dict) or set(d) != PATH_FIELDS for d in path):
            errors.append(f"path must be a list of {sorted(PATH_FIELDS)}")
        return errors


@pytest.fixture
def english():
    """Messages in English, whatever the default language (the assertions read them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def siasn_fake():
    """The fake running; the portal's token cache empty before and after."""
    cache.clear()
    fake = FakeSiasn().start()
    yield fake
    fake.stop()
    cache.clear()


@pytest.fixture
def siasn_on(settings, siasn_fake):
    """Sending configured against the fake (five-second timeout: a loaded machine is not a timeout)."""
    settings.SIASN = siasn_fake.settings()
    return siasn_fake
