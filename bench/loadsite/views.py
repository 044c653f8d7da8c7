"""The baseline: the least a Django view on this stack can do, answering through the same
middleware, workers and database connection settings as the real pages.

`bare_insert` writes one row in a transaction, as the least a submission can cost; its table is
created by bench/load.py (no migration: it is not part of OpenCEX)."""

from __future__ import annotations

import json

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

BARE_TABLE = "bench_bare_insert"


@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def bare_insert(request: HttpRequest) -> JsonResponse:
    body = json.loads(request.body)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (subject, received_at) VALUES (%s, now()) RETURNING id",  # noqa: S608 - a constant
            [str(body.get("subject", ""))[:200]],
        )
        (row_id,) = cursor.fetchone()
    return JsonResponse({"id": row_id}, status=201)
