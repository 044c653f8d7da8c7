"""/api/v1/bin-collections: the next bin collections at an address (by UPRN) or at every address
of a postcode, as the bin collection pages show them, bank holiday moves included."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from opencex.api.errors import FieldError
from opencex.api.schemas import ErrorsOut
from opencex.bincollections.config import bins_config
from opencex.bincollections.lookup import addresses_at, collections_at
from opencex.bincollections.rounds import normalised_postcode
from opencex.languages import ENGLISH, text_in
from opencex.people.models import Property

router = Router(tags=["bin collections"])
_PARAMETERS = frozenset({"uprn", "postcode"})
MAX_ADDRESSES = 200


class BinCollectionParameters(Schema):
    uprn: str | None = Field(
        None, pattern=r"^[0-9]{1,12}$", description="The address's UPRN (give this or postcode)."
    )
    postcode: str | None = Field(
        None,
        max_length=16,
        pattern=r"^\s*[A-Za-z]{1,2}[0-9][0-9A-Za-z]?\s*[0-9][A-Za-z]{2}\s*$",
        description="A postcode, in any case, with or without the space (give this or uprn).",
    )


class BinOut(Schema):
    kind: str = Field(description='"rubbish", "recycling", "food" or "garden".')
    name: str
    container: str = Field(description='The bin it goes in, e.g. "green bin".')
    is_subscription: bool = Field(description="Collected only for households that pay for it.")


class CollectionOut(Schema):
    date: dt.date = Field(description="The day it is collected.")
    usual_date: dt.date = Field(description="The round's usual day that week.")
    moved_by_bank_holiday: bool
    bins: list[BinOut]


class AddressCollectionsOut(Schema):
    uprn: str
    address: str
    postcode: str
    round: str | None = Field(description="The round's name; null if no round is known.")
    collections: list[CollectionOut]


class BinCollectionsOut(Schema):
    addresses: list[AddressCollectionsOut]


def _described(config, address: Property, today: dt.date) -> dict:
    round_, found = collections_at(config, address, start=today)
    return {
        "uprn": address.uprn,
        "address": str(address),
        "postcode": address.postcode,
        "round": text_in(round_.name, ENGLISH) if round_ else None,
        "collections": [
            {
                "date": collection.on,
                "usual_date": collection.usual_on,
                "moved_by_bank_holiday": collection.is_moved,
                "bins": [
                    {
                        "kind": each.slug,
                        "name": text_in(each.name, ENGLISH),
                        "container": text_in(each.container, ENGLISH),
                        "is_subscription": each.is_subscription,
                    }
                    for each in collection.bins
                ],
            }
            for collection in found
        ],
    }


@router.get(
    "",
    response={200: BinCollectionsOut, (400, 401, 404, 422): ErrorsOut},
    operation_id="bin_collections",
    summary="The next bin collections at an address or a postcode",
    description=(
        "Give exactly one of `uprn` (one address) and `postcode` (every address there): neither "
        "or both is a 422. Dates run from "
        "today for the weeks the council's bin collections file shows; a collection moved by a "
        "bank holiday says so and gives its usual date."
    ),
)
def bin_collections(request, filters: Query[BinCollectionParameters]):
    unknown = sorted(set(request.GET) - _PARAMETERS)
    if unknown:
        raise FieldError(unknown[0], f"Remove '{unknown[0]}': it is not a parameter here")
    if bool(filters.uprn) == bool(filters.postcode):
        raise FieldError(None, "Give either uprn or postcode")
    config = bins_config()
    if config is None:
        raise Http404("This council does not publish bin collection days.")
    if filters.uprn:
        addresses = list(Property.objects.filter(uprn=filters.uprn))
        if not addresses:
            raise Http404("There is no address with this UPRN.")
    else:
        if normalised_postcode(filters.postcode) is None:
            raise FieldError("postcode", "Enter a real postcode, like OX1 1BX")
        addresses = list(addresses_at(filters.postcode)[:MAX_ADDRESSES])
        if not addresses:
            raise Http404("There are no addresses at this postcode.")
    today = timezone.localdate()
    return {"addresses": [_described(config, address, today) for address in addresses]}
