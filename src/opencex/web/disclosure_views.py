"""The disclosure log on the citizen site: the list (search, service area, year), one released
response, and its files; withdrawn entries are gone (410)."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Case as DbCase
from django.db.models import IntegerField, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from opencex.catalogue.models import ServiceArea
from opencex.disclosure.models import DisclosureEntry, DisclosureFile, EntryStatus
from opencex.disclosure.selectors import search_disclosure_log
from opencex.languages import current_language
from opencex.search.engine import MAX_QUERY_LENGTH

PER_PAGE = 20


class LogFilterForm(forms.Form):
    """The GET form above the log; a value that is not a choice is dropped, not an error."""

    q = forms.CharField(
        label=_("Search the disclosure log"),
        help_text=_("For example, parking fines, agency staff or fly-tipping"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
    )
    area = forms.ChoiceField(label=_("Service area"), required=False)
    year = forms.ChoiceField(label=_("Year released"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        published = DisclosureEntry.objects.published()
        areas = ServiceArea.objects.filter(disclosures__in=published).distinct().order_by("name")
        self.fields["area"].choices = [("", _("All service areas"))] + [
            (area.slug, area.text_in("name", current_language())) for area in areas
        ]
        years = published.dates("released_on", "year", order="DESC")
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(day.year), str(day.year)) for day in years
        ]

    def filters(self) -> dict[str, str]:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name, "") for name in ("q", "area", "year")}


def disclosure_log(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data["q"] = data.get("q", "").strip()[:MAX_QUERY_LENGTH]
    form = LogFilterForm(data)
    filters = form.filters()
    entries = DisclosureEntry.objects.published().select_related("service_area")
    if filters["area"]:
        entries = entries.filter(service_area__slug=filters["area"])
    if filters["year"]:
        entries = entries.filter(released_on__year=int(filters["year"]))
    if filters["q"]:
        ranked = search_disclosure_log(filters["q"])
        order = DbCase(
            *(When(pk=pk, then=Value(place)) for place, pk in enumerate(ranked)),
            output_field=IntegerField(),
        )
        entries = entries.filter(pk__in=ranked).order_by(order) if ranked else entries.none()
    else:
        entries = entries.newest_first()
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "web/disclosure/log.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "query_without_page": keep.urlencode(),
        },
    )


def disclosure_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(
        DisclosureEntry.objects.exclude(status=EntryStatus.DRAFT).select_related("service_area"),
        pk=pk,
    )
    if entry.status == EntryStatus.WITHDRAWN:
        return render(request, "web/disclosure/withdrawn.html", {"entry": entry}, status=410)
    return render(
        request, "web/disclosure/entry.html", {"entry": entry, "files": entry.files.all()}
    )


def disclosure_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """A published entry's file, and nothing else: drafts' and withdrawn entries' are not
    served, and case files never are (only their published copies)."""
    copy = get_object_or_404(
        DisclosureFile.objects.filter(entry__status=EntryStatus.PUBLISHED), pk=file_pk, entry=pk
    )
    try:
        handle = copy.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(
        handle, as_attachment=True, filename=copy.name, content_type=copy.content_type
    )
