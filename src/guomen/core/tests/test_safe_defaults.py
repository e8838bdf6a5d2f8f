"""Safe by default: no debug pages, no shared secret, no direct /media/, Chinese error pages, security headers."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import Resolver404, path, resolve

from guomen.urls import handler404, handler500  # noqa: F401  (this test URLconf uses the project's handlers)


def _boom(request):
    raise RuntimeError("secret internals: /var/lib/guomen.sqlite3")


urlpatterns = [path("boom/", _boom), path("api/v1/boom", _boom)]


def _settings_value(module: str, expression: str, **env) -> str:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("GUOMEN_") and k != "DJANGO_SETTINGS_MODULE"
    }
    code = f"import {module} as s; print({expression})"
    out = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_debug_is_off_unless_asked_for():
    assert _settings_value("guomen.settings.base", "s.DEBUG") == "False"
    assert _settings_value("guomen.settings.base", "s.DEBUG", GUOMEN_DEBUG="1") == "True"


# Production names the audit checkpoint key and file (kept outside the database); the values need not exist here.
PROD = {
    "GUOMEN_AUDIT_KEY_FILE": "/run/secrets/audit.key",
    "GUOMEN_AUDIT_CHECKPOINT_FILE": "/srv/audit/cp.jsonl",
}


def test_production_settings_ignore_a_debug_request():
    assert _settings_value("guomen.settings.prod", "s.DEBUG", GUOMEN_DEBUG="1", **PROD) == "False"


def test_production_settings_send_cookies_over_tls_only():
    value = _settings_value("guomen.settings.prod", "(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)", **PROD)
    assert value == "(True, True)"


def test_the_secret_key_is_this_installations_own(tmp_path):
    from guomen.settings.env import installation_secret_key

    first = installation_secret_key(tmp_path / "secret_key")
    again = installation_secret_key(tmp_path / "secret_key")
    other = installation_secret_key(tmp_path / "other" / "secret_key")
    assert first == again and first != other and len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_no_url_serves_media_directly():
    with pytest.raises(Resolver404):
        resolve("/media/reports/2026/12/quality-report-SZ-2026-11.pdf")


@pytest.mark.django_db
def test_an_unknown_page_is_a_chinese_page_without_url_patterns(client):
    response = client.get("/no-such-page/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in text
    assert "URLconf" not in text and "admin/" not in text


@pytest.mark.django_db
def test_an_unknown_api_address_answers_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
@pytest.mark.urls("guomen.core.tests.test_safe_defaults")
def test_a_server_error_shows_no_internals(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    text = response.content.decode()
    assert response.status_code == 500
    assert "服务器出错" in text
    assert "secret internals" not in text and "Traceback" not in text


@pytest.mark.django_db
@pytest.mark.urls("guomen.core.tests.test_safe_defaults")
def test_an_api_server_error_is_json_without_internals(client):
    client.raise_request_exception = False
    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "secret internals" not in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get("/accounts/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']|javascript:", re.I)


def test_templates_hold_no_inline_script():
    """The Content-Security-Policy forbids inline script, so no template may rely on it."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for template in root.glob("**/templates/**/*.html"):
        text = template.read_text()
        if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
            offenders.append(str(template.relative_to(root)))
    assert offenders == []
