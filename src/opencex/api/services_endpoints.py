"""/api/v1/services: the council's live services, as the service finder shows them."""

from __future__ import annotations

from django.http import Http404
from ninja import Query, Router

from opencex.api.errors import FieldError
from opencex.api.schemas import ErrorsOut, ServiceFilters, ServiceListOut, ServiceOut
from opencex.catalogue.models import Service

router = Router(tags=["services"])


def _live_services():
    return Service.objects.live().select_related("topic")


@router.get(
    "",
    response={200: ServiceListOut, (400, 401, 422): ErrorsOut},
    operation_id="list_services",
    summary="List live services",
)
def list_services(request, filters: Query[ServiceFilters]):
    # ninja ignores query parameters it does not know; a misspelt filter would list everything.
    unknown = sorted(set(request.GET) - set(ServiceFilters.model_fields))
    if unknown:
        raise FieldError(unknown[0], f"Remove '{unknown[0]}': it is not a filter of this list")
    services = _live_services()
    if filters.topic:
        services = services.filter(topic__slug=filters.topic)
    if filters.provider:
        services = services.filter(provider=filters.provider)
    if filters.q:
        services = services.filter(title__icontains=filters.q)
    page = services[filters.offset : filters.offset + filters.limit]
    return {
        "count": services.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(page),
    }


@router.get(
    "/{slug}",
    response={200: ServiceOut, (400, 401, 404): ErrorsOut},
    operation_id="get_service",
    summary="One live service",
)
def get_service(request, slug: str):
    service = _live_services().filter(slug=slug).first()
    if service is None:
        raise Http404("There is no live service at this address.")
    return service
