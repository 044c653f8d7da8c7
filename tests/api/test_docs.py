"""The OpenAPI schema and the docs page, which must work on a network without internet."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_openapi_schema_is_served_as_json_with_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) >= {
        "/api/v1/services",
        "/api/v1/services/{slug}",
        "/api/v1/cases",
        "/api/v1/cases/{reference}",
    }


def test_openapi_schema_names_the_api_and_its_version(client):
    info = client.get("/api/v1/openapi.json").json()["info"]

    assert (info["title"], info["version"]) == ("OpenCEX API", "1")


def test_openapi_schema_documents_bearer_tokens_and_sessions(client):
    schemes = client.get("/api/v1/openapi.json").json()["components"]["securitySchemes"]

    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["ApiTokenAuth"].items()
    assert schemes["SessionAuth"]["in"] == "cookie"


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


def test_docs_page_loads_swagger_ui_only_from_local_static_files(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = _asset_urls(html)
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert "/static/ninja/swagger-ui.css" in assets
    assert all(url.startswith("/static/") for url in assets), assets
    assert "cdn" not in html.lower()


def test_docs_page_assets_are_found_by_staticfiles():
    for name in ("swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css"):
        assert finders.find(f"ninja/{name}"), name


def test_docs_page_points_swagger_ui_at_the_schema(client):
    html = client.get("/api/v1/docs").content.decode()

    assert '"url": "/api/v1/openapi.json"' in html
