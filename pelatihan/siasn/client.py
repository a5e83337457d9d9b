"""HTTP to SIASN with its two bearer tokens (the sources and shapes are in the package docstring).

Every API call carries the API gateway's token (OAuth2 client credentials with the agency's
consumer key and secret) as ``Authorization: Bearer …`` and the SSO token of the agency's
operator account (Keycloak password grant) as ``Auth: bearer …``. Both are kept in Django's cache
until shortly before they expire, so every worker and web process shares them; when the API still
answers 401 (a token revoked or expired early) both are dropped, fetched again and the call is
made once more.

One call is one attempt: the client does not sleep and retry. It raises ``SiasnHttpError`` with
``retryable`` set for timeouts, connection failures and 5xx answers (the send task schedules the
next attempt with backoff) and unset for 4xx answers and refusals, with the server's message.
"""

from __future__ import annotations

import base64
import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .mapping import same_course

USER_AGENT = "portal-kinerja-subulussalam/1 (SIASN riwayat kursus)"
MAX_MESSAGE = 500


class SiasnHttpError(Exception):
    """A call to SIASN failed. ``retryable``: a timeout, no connection or a 5xx; otherwise SIASN
    refused (4xx, ``success: false``) and ``message`` is what it said."""

    def __init__(self, message: str, *, status: int | None = None, retryable: bool = False):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retryable = retryable


@dataclass(frozen=True)
class SiasnConfig:
    api_url: str
    gateway_token_url: str
    consumer_key: str
    consumer_secret: str
    sso_token_url: str
    sso_client_id: str
    sso_username: str
    sso_password: str
    timeout: float = 30

    @classmethod
    def from_settings(cls) -> SiasnConfig:
        values = getattr(settings, "SIASN", {})
        return cls(
            api_url=values.get("API_URL", "").rstrip("/"), gateway_token_url=values.get("GATEWAY_TOKEN_URL", ""),
            consumer_key=values.get("CONSUMER_KEY", ""), consumer_secret=values.get("CONSUMER_SECRET", ""),
            sso_token_url=values.get("SSO_TOKEN_URL", ""), sso_client_id=values.get("SSO_CLIENT_ID", ""),
            sso_username=values.get("SSO_USERNAME", ""), sso_password=values.get("SSO_PASSWORD", ""),
            timeout=float(values.get("TIMEOUT", 30)),
        )

    @property
    def configured(self) -> bool:
        """Sending is off until every address and credential is set."""
        return all([self.api_url, self.gateway_token_url, self.consumer_key, self.consumer_secret,
                    self.sso_token_url, self.sso_client_id, self.sso_username, self.sso_password])


def sending_enabled() -> bool:
    return SiasnConfig.from_settings().configured


def _server_message(body: bytes) -> str:
    """The message in an error answer: SIASN's ``message``, the gateway's ``fault``, Keycloak's
    ``error_description``, else the text itself."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return text[:MAX_MESSAGE]
    if isinstance(data, dict):
        fault = data.get("fault")
        if isinstance(fault, dict):
            return str(fault.get("description") or fault.get("message") or fault)[:MAX_MESSAGE]
        for key in ("message", "error_description", "error", "data"):
            if data.get(key):
                return str(data[key])[:MAX_MESSAGE]
    return text[:MAX_MESSAGE]


def _request(url: str, **kwargs) -> urllib.request.Request:
    """A request to a configured SIASN address: HTTPS (or HTTP for a local test server) only."""
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise SiasnHttpError(f"not an HTTP(S) address: {url!r}")
    return urllib.request.Request(url, **kwargs)  # noqa: S310 - scheme checked above


def _token_lifetime(expires_in) -> int:
    """Seconds to keep a token: its lifetime less a margin (a tenth, at most a minute)."""
    try:
        seconds = int(expires_in)
    except (TypeError, ValueError):
        seconds = 300
    return max(1, seconds - max(1, min(60, seconds // 10)))


class SiasnClient:
    def __init__(self, config: SiasnConfig | None = None):
        self.config = config or SiasnConfig.from_settings()

    # --- transport -------------------------------------------------------------------------

    def _open(self, request: urllib.request.Request) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:  # noqa: S310 - configured https URL
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            body = exc.read()
            status = exc.code
            raise SiasnHttpError(
                f"HTTP {status}: {_server_message(body)}", status=status, retryable=status >= 500
            ) from exc
        except TimeoutError as exc:
            raise SiasnHttpError(f"timeout after {self.config.timeout:g} s", retryable=True) from exc
        except urllib.error.URLError as exc:
            raise SiasnHttpError(f"no connection: {exc.reason}", retryable=True) from exc

    def _json(self, status: int, body: bytes) -> dict:
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError as exc:
            # A proxy's HTML page instead of SIASN's JSON: try again later.
            raise SiasnHttpError(f"HTTP {status}: not JSON: {body[:200]!r}", status=status, retryable=True) from exc
        if not isinstance(data, dict):
            raise SiasnHttpError(f"HTTP {status}: unexpected answer {str(data)[:200]}", status=status, retryable=True)
        return data

    # --- tokens ----------------------------------------------------------------------------

    def _cache_key(self, kind: str) -> str:
        who = self.config.consumer_key if kind == "gateway" else f"{self.config.sso_client_id}:{self.config.sso_username}"
        url = self.config.gateway_token_url if kind == "gateway" else self.config.sso_token_url
        return f"siasn:token:{kind}:{hashlib.sha256(f'{url}|{who}'.encode()).hexdigest()[:24]}"

    def _fetch_token(self, kind: str) -> str:
        if kind == "gateway":
            basic = base64.b64encode(f"{self.config.consumer_key}:{self.config.consumer_secret}".encode()).decode()
            form = {"grant_type": "client_credentials"}
            headers = {"Authorization": f"Basic {basic}"}
            url = self.config.gateway_token_url
        else:
            form = {"grant_type": "password", "client_id": self.config.sso_client_id,
                    "username": self.config.sso_username, "password": self.config.sso_password}
            headers = {}
            url = self.config.sso_token_url
        request = _request(
            url, data=urllib.parse.urlencode(form).encode(), method="POST",
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
                     "User-Agent": USER_AGENT},
        )
        try:
            status, body = self._open(request)
        except SiasnHttpError as exc:
            exc.message = f"{kind} token: {exc.message}"
            raise
        data = self._json(status, body)
        token = data.get("access_token")
        if not token:
            raise SiasnHttpError(f"{kind} token: no access_token in the answer", status=status)
        cache.set(self._cache_key(kind), token, timeout=_token_lifetime(data.get("expires_in")))
        return token

    def token(self, kind: str) -> str:
        """The ``gateway`` or ``sso`` token, from the cache while it lives."""
        return cache.get(self._cache_key(kind)) or self._fetch_token(kind)

    def forget_tokens(self) -> None:
        cache.delete_many([self._cache_key("gateway"), self._cache_key("sso")])

    # --- API -------------------------------------------------------------------------------

    def _call(self, method: str, path: str, payload: dict | None = None) -> dict:
        url = f"{self.config.api_url}/{path.lstrip('/')}"
        data = None if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        for fresh in (False, True):
            headers = {
                "Authorization": f"Bearer {self.token('gateway')}", "Auth": f"bearer {self.token('sso')}",
                "Accept": "application/json", "User-Agent": USER_AGENT,
            }
            if data is not None:
                headers["Content-Type"] = "application/json"
            request = _request(url, data=data, method=method, headers=headers)
            try:
                status, body = self._open(request)
            except SiasnHttpError as exc:
                if exc.status == 401 and not fresh:
                    self.forget_tokens()  # revoked or expired before its time: fetch both again
                    continue
                raise
            return self._json(status, body)
        raise AssertionError("unreachable")  # pragma: no cover

    def pns_orang_id(self, nip: str) -> tuple[str, str]:
        """SIASN's id of the employee with this NIP and the name SIASN has (``pns/data-utama``)."""
        data = self._call("GET", f"pns/data-utama/{urllib.parse.quote(nip)}")
        person = data.get("data")
        if str(data.get("code")) != "1" or not isinstance(person, dict) or not person.get("id"):
            message = person if isinstance(person, str) else data.get("message") or "no data"
            raise SiasnHttpError(f"NIP {nip} not found in SIASN: {message}"[:MAX_MESSAGE], status=200)
        return str(person["id"]), str(person.get("nama") or "")

    def find_course(self, nip: str, record: dict) -> str | None:
        """SIASN's id of this record when the employee's SIASN history (``pns/rw-kursus``) has it
        already (``mapping.same_course``), else None."""
        data = self._call("GET", f"pns/rw-kursus/{urllib.parse.quote(nip)}")
        entries = data.get("data")
        if str(data.get("code")) != "1" or not isinstance(entries, list):
            return None
        for entry in entries:
            if isinstance(entry, dict) and entry.get("id") and same_course(entry, record):
                return str(entry["id"])
        return None

    def save_course(self, record: dict) -> str:
        """Create (``id`` None) or update (``id`` set) a training-history record; SIASN's id of it."""
        data = self._call("POST", "kursus/save", record)
        if data.get("success") is not True:
            raise SiasnHttpError(f"SIASN refused the record: {data.get('message') or data}"[:MAX_MESSAGE], status=200)
        rw_id = (data.get("mapData") or {}).get("rwKursusId") if isinstance(data.get("mapData"), dict) else None
        if not rw_id:
            if record.get("id"):
                return str(record["id"])  # an update may answer without mapData
            raise SiasnHttpError("SIASN answered success without mapData.rwKursusId", status=200)
        return str(rw_id)
