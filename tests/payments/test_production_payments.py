"""A live site never takes payments through the test provider by default: `check --deploy`
refuses it with DEBUG off unless a staging site says it means it, and the test provider's card
pages are served only while it takes the payments (or a staging site allows it)."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta

import pytest
from django.utils import timezone

from opencex.payments.models import TestProviderSession
from tests.test_deploy_settings import ROOT, documented_environment, run


@pytest.fixture
def production(tmp_path) -> dict[str, str]:
    return {
        **documented_environment(),
        "OPENCEX_SECRET_KEY": secrets.token_urlsafe(50),
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "OPENCEX_VAR_DIR": str(tmp_path),
    }


def check_deploy(environment: dict[str, str]):
    return run(environment, "-m", "django", "check", "--deploy", "--fail-level", "ERROR")


def test_the_documented_environment_takes_payments_through_govuk_pay():
    assert documented_environment()["OPENCEX_PAYMENT_PROVIDER"] == "govuk_pay"


def test_check_deploy_refuses_the_test_provider_by_default_with_debug_off(production):
    defaulted = {k: v for k, v in production.items() if k != "OPENCEX_PAYMENT_PROVIDER"}
    result = check_deploy(defaulted)
    assert result.returncode != 0
    assert "payments.E003" in result.stderr + result.stdout


def test_a_staging_site_may_take_test_payments_when_it_says_so(production):
    staging = production | {"OPENCEX_PAYMENT_PROVIDER": "test", "OPENCEX_ALLOW_TEST_PAYMENTS": "1"}
    result = check_deploy(staging)
    assert result.returncode == 0, result.stderr + result.stdout


def test_check_deploy_refuses_govuk_pay_without_its_keys(production):
    keyless = production | {"OPENCEX_GOVUK_PAY_API_KEY": ""}
    result = check_deploy(keyless)
    assert "payments.E004" in result.stderr + result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("provider", "allowed", "status"),
    [("test", False, 200), ("govuk_pay", False, 404), ("govuk_pay", True, 200)],
)
def test_the_test_providers_card_page_is_served_only_while_it_is_meant(
    client, settings, provider, allowed, status
):
    settings.OPENCEX_PAYMENT_PROVIDER = provider
    settings.OPENCEX_ALLOW_TEST_PAYMENTS = allowed
    session = TestProviderSession.objects.create(
        id="s1",
        amount_pence=100,
        reference="R",
        description="D",
        return_url="/",
        created_at=timezone.now(),
        expires_at=timezone.now() + timedelta(minutes=90),
    )
    assert client.get(f"/test-payment-provider/{session.id}/").status_code == status
    assert client.get(f"/test-payment-provider/{session.id}/cancel/").status_code == status
