"""How casework figures are split into rows: by service area across the council, or by service
within the one service area a manager chose."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Expression, F, QuerySet

from opencex.catalogue.models import Service, ServiceArea

GroupKey = int | None  # a service area's or a service's id; None: not recorded


@dataclass(frozen=True)
class Breakdown:
    service_area: ServiceArea | None = None

    @property
    def is_by_service(self) -> bool:
        return self.service_area is not None

    def grouped(
        self, rows: QuerySet, *, service: Expression | str, area: Expression | str
    ) -> QuerySet:
        """`rows` with `group` annotated: the service area (from `area`), or, within the chosen
        service area only, the service (from `service`)."""
        by_service, by_area = _expression(service), _expression(area)
        if self.service_area is None:
            return rows.annotate(group=by_area)
        return (
            rows.annotate(group_area=by_area)
            .filter(group_area=self.service_area.pk)
            .annotate(group=by_service)
        )

    def names(self, keys: Iterable[GroupKey]) -> dict[GroupKey, str]:
        """Each group's name, "" for one not recorded."""
        wanted = {key for key in keys if key is not None}
        found: dict[GroupKey, str] = {None: ""}
        if self.is_by_service:
            found.update(Service.objects.filter(pk__in=wanted).values_list("pk", "title"))
        else:
            found.update(ServiceArea.objects.filter(pk__in=wanted).values_list("pk", "name"))
        return found

    def in_order(self, keys: Iterable[GroupKey]) -> list[tuple[GroupKey, str]]:
        """The groups by name, the one not recorded last."""
        names = self.names(keys)
        return sorted(
            ((key, names.get(key, "")) for key in set(keys)),
            key=lambda group: (group[0] is None, group[1].casefold(), group[0] or 0),
        )


def _expression(value: Expression | str) -> Expression | F:
    return F(value) if isinstance(value, str) else value
