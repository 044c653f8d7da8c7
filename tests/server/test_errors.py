"""Error reports leave the council's servers without residents' data."""

from __future__ import annotations

import sentry_sdk
from django.core.signing import TimestampSigner

from opencex.server.errors import scrub_resident_data
from opencex.server.logs import current_request_id


def test_error_reporting_is_off_unless_a_dsn_is_set():
    # The test settings set no OPENCEX_SENTRY_DSN.
    assert not sentry_sdk.get_client().is_active()


def test_a_report_keeps_the_failure_and_drops_the_resident():
    # A real sign-in link carries a signed token (value:timestamp:signature), as it is made.
    link = TimestampSigner().sign("AbCdEfGhIjKlMnOpQrStUv")
    token = current_request_id.set("req-12345678")
    event = {
        "user": {"email": "jo@example.org", "ip_address": "198.51.100.7"},
        "request": {
            "url": f"https://council.example/account/sign-in/{link}",
            "method": "POST",
            "data": {"answers": "I live at 1 High St, OX1 1AA"},
            "cookies": {"sessionid": "secret-session"},
            "query_string": "email=jo%40example.org",
            "headers": {
                "Content-Type": "text/html",
                "Cookie": "sessionid=secret",
                "X-Forwarded-For": "198.51.100.7",
            },
        },
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "No resident jo@example.org at OX4 3AB, phone 07700 900123",
                    "stacktrace": {"frames": [{"filename": "opencex/cases/actions/opening.py"}]},
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {
                    "category": "query",
                    "message": "SELECT ... WHERE email = %s",
                    "data": {"params": ["jo@example.org"]},
                },
            ]
        },
    }

    try:
        scrubbed = scrub_resident_data(event, {})
    finally:
        current_request_id.reset(token)

    text = repr(scrubbed)
    for secret in (
        "jo@example.org",
        "OX4 3AB",
        "OX1 1AA",
        "07700",
        "secret",
        "198.51.100.7",
        "AbCdEf",
    ):
        assert secret not in text
    assert scrubbed["exception"]["values"][0]["value"] == (
        "No resident [email] at [postcode], phone [phone]"
    )
    assert scrubbed["request"]["url"] == "https://council.example/account/sign-in/[token]"
    assert scrubbed["request"]["headers"] == {"Content-Type": "text/html"}
    assert scrubbed["exception"]["values"][0]["stacktrace"]["frames"][0]["filename"] == (
        "opencex/cases/actions/opening.py"
    )
    assert scrubbed["tags"]["request_id"] == "req-12345678"


def test_a_saved_forms_link_in_a_message_is_scrubbed_too():
    from opencex.server.errors import scrub_text

    link = TimestampSigner().sign("tok3nTok3nTok3n.n0nce")
    text = f"Resume failed for /forms/resume/{link}/ at 10:14"
    assert scrub_text(text) == "Resume failed for /forms/resume/[token]/ at 10:14"
