"""The staff directory's pages: search for a colleague, a person's page, the teams and a team's
page."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy

from opencex.accounts import directory
from opencex.accounts.models import STAFF_ROLES, Role, User
from opencex.accounts.policies import can_view_staff_directory
from opencex.catalogue.models import Team
from opencex.staff.access import staff_only

PEOPLE_PER_PAGE = 50


class StaffSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, job or what they handle"),
        help_text=gettext_lazy("For example, Helen Price, council tax or pest control"),
        required=False,
        max_length=200,
    )
    team = forms.ChoiceField(label=gettext_lazy("Team"), required=False)
    role = forms.ChoiceField(label=gettext_lazy("Role"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", gettext_lazy("All teams"))] + [
            (team.slug, team.name) for team in Team.objects.order_by("name")
        ]
        self.fields["role"].choices = [("", gettext_lazy("All roles"))] + [
            (role.value, role.label) for role in Role if role in STAFF_ROLES
        ]


def _check(request: HttpRequest) -> None:
    if not can_view_staff_directory(request.user):
        raise PermissionDenied


@staff_only
def people(request: HttpRequest) -> HttpResponse:
    """Everyone in the directory by name, or the people who match a search, best first."""
    _check(request)
    form = StaffSearchForm(request.GET or None)
    query, team, role = "", None, ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        role = form.cleaned_data["role"]
        if form.cleaned_data["team"]:
            team = Team.objects.get(slug=form.cleaned_data["team"])
    found = directory.find_staff(query, team=team, role=role)
    page = Paginator(found, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/people/search.html",
        {
            "form": form,
            "page": page,
            "searched": bool(query or team or role),
            "query_string": _without_page(request),
        },
    )


def _without_page(request: HttpRequest) -> str:
    """The search as a query string, for the pagination links to keep it."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@staff_only
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    _check(request)
    someone = get_object_or_404(User.objects.active_staff(), pk=user_id)
    return render(
        request,
        "staff/people/person.html",
        {"person": someone, "teams": directory.teams_of(someone)},
    )


@staff_only
def teams(request: HttpRequest) -> HttpResponse:
    _check(request)
    return render(request, "staff/people/teams.html", {"teams": directory.teams_with_staff()})


@staff_only
def team(request: HttpRequest, slug: str) -> HttpResponse:
    _check(request)
    details = directory.team_details(get_object_or_404(Team, slug=slug))
    return render(request, "staff/people/team.html", {"details": details})
