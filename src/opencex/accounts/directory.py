"""The staff directory: who does what, found by name, job title, team, responsibilities or the
services their team handles ("council tax", "pest control")."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from opencex.accounts.models import STAFF_ROLES, Role, User
from opencex.catalogue.models import Service, Team
from opencex.search.documents import Document
from opencex.search.index import SearchIndex
from opencex.search.synonyms import thesaurus
from opencex.search.text import normalise, words

# How colleagues ask ("who handles council tax", "someone responsible for pest control"): these
# words say nothing about what the person does, so they must not count against a match.
QUESTION_WORDS = frozenset({
    "handle", "handles", "handling", "deal", "deals", "dealing", "responsible",
    "responsibility", "look", "looks", "looking", "person", "people", "someone", "anyone",
    "whoever", "colleague", "contact",
})  # fmt: skip


@dataclass(frozen=True)
class TeamDetails:
    team: Team
    members: list[User]
    managers: list[User]
    services: list[Service]


def staff_in_directory(*, team: Team | None = None, role: str = "") -> QuerySet[User]:
    """Active staff, in a team or with a role if asked, by name."""
    people = User.objects.active_staff()
    if team is not None:
        people = people.filter(teams=team)
    if role:
        people = people.filter(role=role)
    return people.prefetch_related("teams").order_by("full_name", "pk")


def find_staff(query: str, *, team: Team | None = None, role: str = "") -> list[User]:
    """The staff who match the query, best first; everyone in the filter when it is empty.

    The ranking is the site search's (stemming, residents' words for services, spelling
    tolerance) over one document per person: their name, job title, teams, responsibilities and
    the services their teams handle.
    """
    everyone = list(staff_in_directory())
    people = [
        person
        for person in everyone
        if (team is None or team in person.teams.all()) and (not role or person.role == role)
    ]
    wanted = [word for word in words(query) if word not in QUESTION_WORDS]
    if not query.strip():
        return people
    if not wanted or not people:
        return []
    documents = _documents(everyone)
    hits = _index(tuple(documents.values())).search(" ".join(wanted), limit=len(documents))
    by_slug = {str(person.pk): person for person in people}
    ranked = [by_slug[hit.document.slug] for hit in hits if hit.document.slug in by_slug]
    if ranked:
        return ranked
    # A word every person shares ("council") carries no weight in a ranking; plain matching of
    # every word still finds them.
    return [
        person
        for person in people
        if all(w in _plain_text(documents[str(person.pk)]) for w in wanted)
    ]


_lock = threading.Lock()
_built: tuple[tuple[Document, ...], SearchIndex] | None = None


def _index(documents: tuple[Document, ...]) -> SearchIndex:
    """The index of these documents, kept while they stay the same: reading the directory costs
    a few queries, indexing it (with every team's services) a few hundred milliseconds."""
    global _built
    with _lock:
        if _built is None or _built[0] != documents:
            _built = (documents, SearchIndex(documents, thesaurus()))
        return _built[1]


def _documents(people: list[User]) -> dict[str, Document]:
    services = _services_by_team({t.pk for person in people for t in person.teams.all()})
    return {str(person.pk): _document(person, services) for person in people}


def _services_by_team(team_ids: set[int]) -> dict[int, list[Service]]:
    services: dict[int, list[Service]] = {team_id: [] for team_id in team_ids}
    for service in Service.objects.live().filter(team_id__in=team_ids).order_by("title"):
        services[service.team_id].append(service)
    return services


def _document(person: User, services: dict[int, list[Service]]) -> Document:
    teams = list(person.teams.all())
    handled = [service for team in teams for service in services.get(team.pk, ())]
    return Document(
        kind="person",
        slug=str(person.pk),
        title=person.full_name,
        summary=person.responsibilities,
        url="",
        keywords=(person.job_title, *(team.name for team in teams)),
        body="\n".join(
            [service.title for service in handled]
            + [keyword for service in handled for keyword in service.keywords]
        ),
        topic=person.get_role_display(),
    )


def _plain_text(document: Document) -> str:
    return normalise(
        " ".join(
            [document.title, document.summary, *document.keywords, document.body, document.topic]
        )
    )


def teams_of(person: User) -> list[Team]:
    """The person's teams, each with the live services it handles."""
    live = Prefetch("services", queryset=Service.objects.live().order_by("title"))
    return list(person.teams.prefetch_related(live).order_by("name"))


def team_details(team: Team) -> TeamDetails:
    members = list(User.objects.active_staff().filter(teams=team).order_by("full_name", "pk"))
    return TeamDetails(
        team=team,
        members=members,
        managers=[member for member in members if member.role == Role.TEAM_MANAGER],
        services=list(team.services.live().order_by("title")),
    )


def teams_with_staff() -> QuerySet[Team]:
    """Every team, with how many active staff are in it (`staff_count`), by name."""
    return (
        Team.objects.select_related("service_area")
        .annotate(
            staff_count=Count(
                "members", filter=Q(members__is_active=True, members__role__in=STAFF_ROLES)
            )
        )
        .order_by("name")
    )
