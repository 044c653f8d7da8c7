"""The production environment documented in docs/deploy.md passes `check --deploy` with no
warning, and behind the proxy sends plain HTTP to HTTPS with HSTS and secure cookies."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY_GUIDE = ROOT / "docs" / "deploy.md"


def documented_environment() -> dict[str, str]:
    text = DEPLOY_GUIDE.read_text()
    begin, end = "<!-- production environment: begin -->", "<!-- production environment: end"
    block = re.search(rf"{begin}\n```sh\n(.*?)```\n{end}", text, re.DOTALL)
    assert block, "docs/deploy.md has lost its production environment block"
    pairs = [line.split("=", 1) for line in block[1].splitlines() if line and line[0] != "#"]
    return dict(pairs)


@pytest.fixture
def production(tmp_path) -> dict[str, str]:
    """The documented environment alone (none of the test run's), with a real secret."""
    environment = documented_environment()
    environment["OPENCEX_SECRET_KEY"] = secrets.token_urlsafe(50)
    return {
        **environment,
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT / "src"),  # this checkout, not the one the venv was installed from
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "OPENCEX_VAR_DIR": str(tmp_path),
    }


def run(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *arguments],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_documented_environment_turns_debug_off_and_the_proxy_settings_on():
    environment = documented_environment()
    assert environment["OPENCEX_DEBUG"] == "0"
    assert environment["OPENCEX_PROXY_SETS_X_FORWARDED_PROTO"] == "1"
    assert int(environment["OPENCEX_TRUSTED_PROXY_HOPS"]) >= 1


def test_check_deploy_finds_nothing_to_warn_about(production):
    result = run(production, "-m", "django", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_check_deploy_warns_when_rate_limits_would_be_counted_per_process(production):
    """Without REDIS_URL each gunicorn worker would count sign-in guesses on its own."""
    per_process = {key: value for key, value in production.items() if key != "REDIS_URL"}

    result = run(per_process, "-m", "django", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "opencex.W001" in result.stderr + result.stdout


def test_check_deploy_does_warn_without_the_production_settings(production):
    """The test above can fail: the same check, with HSTS and the SSL redirect turned off."""
    insecure = {**production, "OPENCEX_HSTS_SECONDS": "0", "OPENCEX_SSL_REDIRECT": "0"}

    result = run(insecure, "-m", "django", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


# Requests to a page that needs no database (a 404), through Django's test client, in a process
# started with the production environment.
REQUESTS_BEHIND_THE_PROXY = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()  # allows the test client's host, as the test runner would
from django.core.management import call_command
# Production pages name hashed static files: gather them as `opencex serve` does at start.
call_command("collectstatic", "--noinput", verbosity=0)
client = Client(HTTP_HOST="services.example.gov.uk")
plain = client.get("/no-such-page/")
secure = client.get("/no-such-page/", HTTP_X_FORWARDED_PROTO="https")
spoofed = client.get("/no-such-page/", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="evil.example")
from django.conf import settings
print(json.dumps({
    "plain": [plain.status_code, plain.headers.get("Location")],
    "secure": [secure.status_code, dict(secure.headers)],
    "other_host": spoofed.status_code,
    "cookies": [settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE,
                settings.CSRF_COOKIE_NAME, settings.CSRF_COOKIE_SECURE],
}))
"""


def test_behind_the_proxy_plain_http_is_redirected_and_https_gets_the_headers(production):
    result = run(production, "-c", REQUESTS_BEHIND_THE_PROXY)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.splitlines()[-1])

    assert answers["plain"] == [301, "https://services.example.gov.uk/no-such-page/"]
    status, headers = answers["secure"]
    assert status == 404
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "'nonce-" in headers["Content-Security-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Referrer-Policy"] == "same-origin"
    assert answers["other_host"] == 400
    assert answers["cookies"] == ["__Host-opencex-session", True, "__Host-opencex-csrf", True]


def test_report_only_mode_is_switched_on_from_the_environment(production):
    production["OPENCEX_CSP_REPORT_ONLY"] = "1"
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "print(getattr(settings, 'CONTENT_SECURITY_POLICY', None) is None, "
        "'script-src' in settings.CONTENT_SECURITY_POLICY_REPORT_ONLY['DIRECTIVES'])"
    )

    result = run(production, "-c", script)

    assert result.stdout.split() == ["True", "True"], result.stderr
