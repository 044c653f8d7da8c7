"""Every page carries a strict Content Security Policy with a nonce drawn for that response, and a
Permissions-Policy; every inline script and style on the pages carries that nonce, and no template
has an inline event handler or style attribute the policy would refuse."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from opencex import urls as opencex_urls
from opencex.accounts.models import Role
from opencex.permissionspolicy import permissions_policy
from tests.factories import CaseFactory, ServiceFactory, TeamFactory, UserFactory

SRC = Path(__file__).resolve().parents[1] / "src" / "opencex"

CITIZEN_PAGES = ["/", "/services/", "/services/council-tax/", "/account/sign-in/", "/track/"]
STAFF_PAGES = ["/staff/", "/staff/queues/", "/staff/admin/", "/staff/admin/forms/formdefinition/"]


def policy(response, header: str = "Content-Security-Policy") -> dict[str, list[str]]:
    directives = [part.split() for part in response.headers[header].split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


class InlineCode(HTMLParser):
    """The nonce of every inline script and style element of a page (None where it has none)."""

    def __init__(self) -> None:
        super().__init__()
        self.nonces: list[str | None] = []
        self.external_scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.external_scripts.append(attributes["src"] or "")
        elif tag in {"script", "style"}:
            self.nonces.append(attributes.get("nonce"))


def inline_code(response) -> InlineCode:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser


def the_nonce(response) -> str:
    sources = policy(response)["script-src"]
    nonces = [source for source in sources if source.startswith("'nonce-")]
    assert len(nonces) == 1, sources
    assert nonces[0] in policy(response)["style-src"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


@pytest.fixture
def staff_client():
    administrator = UserFactory(
        role=Role.ADMINISTRATOR, is_superuser=True, teams=[TeamFactory(name="Waste")]
    )
    client = Client()
    client.force_login(administrator)
    return client


def test_the_policy_allows_only_this_site_and_the_responses_nonce(client, db):
    response = client.get("/")

    directives = policy(response)

    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'", f"'nonce-{the_nonce(response)}'"]
    assert directives["style-src"] == ["'self'", f"'nonce-{the_nonce(response)}'"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


def test_each_response_draws_a_fresh_nonce(client, db):
    nonces = {the_nonce(client.get("/")) for _ in range(3)}
    assert len(nonces) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("url", CITIZEN_PAGES)
def test_every_inline_script_and_style_on_a_citizen_page_carries_the_nonce(client, url):
    ServiceFactory(slug="council-tax")
    response = client.get(url)
    assert response.status_code == 200

    code = inline_code(response)

    assert len(code.nonces) >= 3  # the brand colours, the js-enabled class, initAll
    assert set(code.nonces) == {the_nonce(response)}
    assert all(source.startswith("/static/") for source in code.external_scripts)


@pytest.mark.django_db
@pytest.mark.parametrize("url", STAFF_PAGES)
def test_every_inline_script_and_style_on_a_staff_page_carries_the_nonce(staff_client, url):
    CaseFactory()
    response = staff_client.get(url)
    assert response.status_code == 200

    code = inline_code(response)

    assert code.nonces
    assert set(code.nonces) == {the_nonce(response)}


@pytest.mark.django_db
def test_a_refused_request_gets_a_page_whose_scripts_still_run(client):
    response = client.get("/services/?q=bin%00")
    assert response.status_code == 400

    assert set(inline_code(response).nonces) == {the_nonce(response)}


def broken_page(request):
    raise RuntimeError("the database is down")


urlpatterns = [path("broken/", broken_page), *opencex_urls.urlpatterns]
handler500 = opencex_urls.handler500


@pytest.mark.django_db
def test_the_server_error_page_gets_the_nonce_though_drawn_without_the_request(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert set(inline_code(response).nonces) == {the_nonce(response)}


def test_report_only_mode_sends_the_policy_under_the_report_only_header(client, db, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None

    response = client.get("/")

    assert "Content-Security-Policy" not in response.headers
    nonce = policy(response, "Content-Security-Policy-Report-Only")["script-src"][1]
    assert set(inline_code(response).nonces) == {nonce.removeprefix("'nonce-").removesuffix("'")}


# ---- Permissions-Policy ---------------------------------------------------------------------


def test_powerful_features_are_refused_on_every_page(client, db):
    header = client.get("/").headers["Permissions-Policy"]

    refused = dict(item.split("=") for item in header.split(", "))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert refused[feature] == "()"


def test_a_feature_the_council_names_is_allowed_for_this_site_only():
    header = permissions_policy(["geolocation"])
    assert "geolocation=(self)" in header
    assert "camera=()" in header


def test_a_misspelt_feature_is_refused_at_start_up():
    with pytest.raises(ValueError, match="geolocaton"):
        permissions_policy(["geolocaton"])


# ---- the templates --------------------------------------------------------------------------

TEMPLATES = sorted((SRC).glob("**/templates/**/*.html"))
# A file inside the subject access download, opened from disk: never served, so under no policy.
NOT_SERVED = {SRC / "inforights" / "templates" / "inforights" / "export_index.html"}
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE)
INLINE_ELEMENT = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)


def test_the_template_scan_reads_every_template():
    assert len(TEMPLATES) > 100
    assert SRC / "web" / "templates" / "web" / "base.html" in TEMPLATES


@pytest.mark.parametrize(
    "template", [t for t in TEMPLATES if t not in NOT_SERVED], ids=lambda t: str(t.relative_to(SRC))
)
def test_no_template_has_code_the_policy_would_refuse(template):
    text = template.read_text()

    assert not EVENT_HANDLER.search(text), "an inline event handler: use a script file"
    assert not STYLE_ATTRIBUTE.search(text), "a style attribute: use a class"
    assert not SCRIPT_URL.search(text), "a javascript: link"
    for tag, attributes in INLINE_ELEMENT.findall(text):
        if "src=" not in attributes:
            assert 'nonce="{{ CSP_NONCE }}"' in attributes, f"<{tag}{attributes}> without the nonce"
