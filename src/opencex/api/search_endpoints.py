"""/api/v1/search: the site's search, as JSON, ranked exactly as the search page ranks it."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from opencex.api.errors import FieldError
from opencex.api.schemas import ErrorsOut
from opencex.languages import current_language, offered_languages
from opencex.search.engine import DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH, search
from opencex.search.models import SearchSource
from opencex.search.services import record_search

router = Router(tags=["search"])
_PARAMETERS = frozenset({"q", "limit", "lang"})


class SearchParameters(Schema):
    q: str = Field(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        pattern=r"^[^\x00]*[^\s\x00][^\x00]*$",  # not only spaces (nor NUL: see requestguard)
        description="What the resident is looking for, in their words.",
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many results, at most.")
    lang: str | None = Field(
        None,
        pattern=f"^({'|'.join(offered_languages())})$",
        description='The language the query is written in ("en", "pl", "ar"); without it, the '
        "request's Accept-Language. A query in Arabic script is read as Arabic whatever this "
        "says. Results come in that language where translated.",
    )


class SearchResultOut(Schema):
    title: str
    url: str
    summary: str
    kind: str = Field(
        description='"service", "page", "organisation" or "disclosure" (a disclosure log entry).'
    )
    provider: str = Field(
        description='"council"; "county" for a service the county provides; "partner" for a '
        "community or partner organisation in the directory."
    )


class SearchOut(Schema):
    results: list[SearchResultOut] = Field(description="Best first; empty when nothing is good.")


@router.get(
    "",
    response={200: SearchOut, (400, 401, 422): ErrorsOut},
    operation_id="search",
    summary="Search services and guidance in residents' words",
)
def search_site(request, filters: Query[SearchParameters]):
    unknown = sorted(set(request.GET) - _PARAMETERS)
    if unknown:
        raise FieldError(unknown[0], f"Remove '{unknown[0]}': it is not a search parameter")
    language = filters.lang or current_language()
    results = search(filters.q.strip(), limit=filters.limit, language=language)
    record_search(results=results, source=SearchSource.API)
    return {"results": [hit.document for hit in results]}
