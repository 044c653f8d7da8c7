"""One point per report, derived from the best thing the report says about where it is: the map
point an Open311 client sent, a map answer on the form, the postcode of a street location answer,
or the reported property's postcode; the last two placed at the postcode sector's approximate
centre (directory.postcodes), and marked as approximate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from opencex.cases.models import Case
from opencex.directory.postcodes import UnknownPostcode, locate_postcode, normalise_postcode
from opencex.duplicatereports.models import PRECISION_METRES, PlaceSource, ReportPlace


def _open311_point(case: Case) -> tuple[float, float] | None:
    # Read through the relation's name: open311 sits above every domain app and is not imported.
    row = (
        Case.objects.filter(pk=case.pk, georeport_request__lat__isnull=False)
        .values_list("georeport_request__lat", "georeport_request__long")
        .first()
    )
    if row is None or row[0] is None or row[1] is None:
        return None
    return float(row[0]), float(row[1])


def _map_answer(answers: Mapping[str, Any]) -> tuple[float, float] | None:
    for value in answers.values():
        if isinstance(value, Mapping) and "lat" in value and "long" in value:
            try:
                lat, long = float(value["lat"]), float(value["long"])
            except (TypeError, ValueError):
                continue
            if -90 <= lat <= 90 and -180 <= long <= 180:
                return lat, long
    return None


def _answer_postcode(answers: Mapping[str, Any]) -> str:
    for value in answers.values():
        if isinstance(value, Mapping) and "description" in value and value.get("postcode"):
            return normalise_postcode(str(value["postcode"]))
    return ""


def derive_place(case: Case) -> ReportPlace:
    """The case's place, unsaved: its point, the point's source and precision."""
    place = ReportPlace(case=case, service_id=case.service_id, received_at=case.received_at)
    home = case.property
    if home is not None:
        place.uprn, place.postcode = home.uprn, normalise_postcode(home.postcode)
    answers = case.answers if isinstance(case.answers, Mapping) else {}
    point, source = _open311_point(case), PlaceSource.OPEN311
    if point is None:
        point, source = _map_answer(answers), PlaceSource.MAP
    if point is None:
        postcode = _answer_postcode(answers)
        if postcode:
            place.postcode, source = postcode, PlaceSource.POSTCODE
        elif place.postcode:
            source = PlaceSource.PROPERTY
        if place.postcode:
            try:
                centre = locate_postcode(place.postcode)
            except UnknownPostcode:
                centre = None
            if centre is not None:
                point = (centre.latitude, centre.longitude)
    if point is not None:
        place.latitude, place.longitude = point
    if point is not None or place.postcode:
        place.source, place.precision_m = source, PRECISION_METRES[source]
    return place


def record_place(case: Case) -> ReportPlace:
    """Derive the case's place and keep it (again, if the case moved service)."""
    place = derive_place(case)
    place.save()
    return place
