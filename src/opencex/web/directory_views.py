"""The community directory on the citizen site: search by need and postcode, and one entry."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from opencex.directory.models import Service, TaxonomyTerm
from opencex.directory.postcodes import UnknownPostcode, locate_postcode, normalise_postcode
from opencex.directory.selectors import find_organisations

RESULTS_SHOWN = 30


class DirectorySearchForm(forms.Form):
    need = forms.CharField(
        label=_("What do you need help with?"),
        help_text=_("For example, food, debt, energy bills or getting online"),
        max_length=100,
        required=False,
    )
    postcode = forms.CharField(
        label=_("Your postcode (optional)"),
        help_text=_("We will show the nearest places first, for example OX4 3XT"),
        max_length=10,
        required=False,
    )

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode:
            try:
                locate_postcode(postcode)
            except UnknownPostcode as error:
                raise forms.ValidationError(str(error)) from error
        return normalise_postcode(postcode) if postcode else ""


def directory_search(request: HttpRequest) -> HttpResponse:
    searched = "need" in request.GET or "postcode" in request.GET
    form = DirectorySearchForm(request.GET if searched else None)
    matches = []
    if searched and form.is_valid():
        matches = find_organisations(
            need=form.cleaned_data["need"],
            near_postcode=form.cleaned_data["postcode"],
            limit=RESULTS_SHOWN,
        )
    context = {
        "form": form,
        "searched": searched and form.is_valid(),
        "matches": matches,
        "needs": TaxonomyTerm.objects.filter(services__status="active").distinct(),
    }
    return render(request, "web/directory/search.html", context)


def directory_entry(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.active()
        .select_related("organization")
        .prefetch_related("locations", "contacts", "taxonomy_terms"),
        slug=slug,
    )
    return render(request, "web/directory/entry.html", {"service": service})
