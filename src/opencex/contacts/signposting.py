"""Choosing where to signpost a resident: the partner directory's entries grouped by the need they
meet, or narrowed to those that match a need the officer searched for."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from opencex.directory.models import Service, TaxonomyTerm
from opencex.directory.selectors import find_organisations
from opencex.requestguard import database_id

Choices = list[tuple[str, str | list[tuple[str, str]]]]


def _label(entry: Service) -> str:
    label = f"{entry.organization.name}: {entry.name}"
    return f"{label} ({_('Demo entry: not a real contact.')})" if entry.is_demo else label


def directory_choices() -> Choices:
    """Every active entry under each need it meets (so an entry may appear more than once), and
    entries tagged with no need at the end."""
    active = Service.objects.active().select_related("organization").order_by("name")
    needs = TaxonomyTerm.objects.prefetch_related(
        Prefetch("services", queryset=active, to_attr="active_services")
    ).order_by("name")
    groups: Choices = []
    tagged: set[int] = set()
    for need in needs:
        if need.active_services:
            groups.append(
                (need.name, [(str(entry.pk), _label(entry)) for entry in need.active_services])
            )
            tagged.update(entry.pk for entry in need.active_services)
    untagged = [(str(entry.pk), _label(entry)) for entry in active if entry.pk not in tagged]
    if untagged:
        groups.append((_("Other"), untagged))
    return groups


def matching_choices(need: str) -> Choices:
    """The entries that meet `need`, best match first, as one group."""
    matches = find_organisations(need=need)
    if not matches:
        return []
    label = _("Matches for “%(need)s”") % {"need": need}
    return [(label, [(str(match.service.pk), _label(match.service)) for match in matches])]


def active_entry(pk: str) -> Service | None:
    """The active directory entry an officer chose, or None."""
    pk = database_id(str(pk))
    if pk is None:
        return None
    return Service.objects.active().select_related("organization").filter(pk=pk).first()
