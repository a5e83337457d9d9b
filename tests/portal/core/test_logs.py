"""Every log line carries a request id; a 403 is one line (user, path) without a traceback."""

import logging

from django.conf import settings

from portal.core.logs import ForbiddenWithoutTraceback, RequestIdFilter


def test_the_log_format_has_the_request_id():
    assert "%(request_id)s" in settings.LOGGING["formatters"]["line"]["format"]
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id"]


def test_each_response_names_its_request_and_honours_the_proxys_id(client, db):
    mine = client.get("/healthz/live/")["X-Request-ID"]
    assert len(mine) == 32
    assert client.get("/healthz/live/", HTTP_X_REQUEST_ID="nginx-4f2a9c1d")["X-Request-ID"] == "nginx-4f2a9c1d"
    # Something that is not an id (a header injection attempt) is replaced.
    assert client.get("/healthz/live/", HTTP_X_REQUEST_ID="x y\r\nSet-Cookie: a=b")["X-Request-ID"] != "x y"


def test_a_403_is_one_line_with_user_and_path_and_the_id(client, employee_user, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    client.force_login(employee_user)
    with caplog.at_level(logging.INFO):
        response = client.get("/sistem/kotak-keluar/", HTTP_X_REQUEST_ID="req-12345678")
    assert response.status_code == 403
    forbidden = [r for r in caplog.records if "403" in r.getMessage() or "Forbidden" in r.getMessage()]
    assert len(forbidden) == 1  # Django's own record, with the traceback, is dropped
    line = forbidden[0]
    assert line.getMessage() == f"403 forbidden user={employee_user.pk}:{employee_user.username} path=/sistem/kotak-keluar/"
    assert line.exc_info is None and line.request_id == "req-12345678"


def test_the_filter_drops_djangos_403_record_and_keeps_others():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden", (), None)
    record.status_code = 403
    assert not ForbiddenWithoutTraceback().filter(record)
    record.status_code = 404
    assert ForbiddenWithoutTraceback().filter(record)
