"""Reads for feedback: satisfaction figures (average rating by service and by channel), the
recognition feed of compliments, comments for the services that own them, and suggestions; and
the answers to "Is this page useful?" by page and by service, with what people wrote."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Max, Q, QuerySet
from django.urls import Resolver404, resolve

from opencex.accounts.models import Role, User
from opencex.cases.models import Case, CaseKind, Status
from opencex.cases.policies import visible_cases
from opencex.catalogue.models import GuidancePage, Service, Team
from opencex.feedback.models import CommentReview, CommentTheme, PageFeedback, Rating, Recognition


def _ratings(since: datetime | None, until: datetime | None) -> QuerySet[Rating]:
    ratings = Rating.objects.all()
    if since is not None:
        ratings = ratings.filter(created_at__gte=since)
    if until is not None:
        ratings = ratings.filter(created_at__lt=until)
    return ratings


def average_rating_by_service(
    *, since: datetime | None = None, until: datetime | None = None
) -> list[dict]:
    """[{"service_id", "service__title", "average", "count"}], most rated first."""
    return list(
        _ratings(since, until)
        .filter(service__isnull=False)
        .values("service_id", "service__title")
        .annotate(average=Avg("score"), count=Count("id"))
        .order_by("-count", "service__title")
    )


def average_rating_by_channel(
    *, since: datetime | None = None, until: datetime | None = None
) -> list[dict]:
    """[{"channel", "average", "count"}], most rated first."""
    return list(
        _ratings(since, until)
        .values("channel")
        .annotate(average=Avg("score"), count=Count("id"))
        .order_by("-count", "channel")
    )


# --- Compliments and comments -------------------------------------------------------------------


def _team_ids(actor) -> list[int]:
    return list(actor.teams.values_list("id", flat=True))


def recognition_feed(actor) -> QuerySet[Recognition]:
    """Compliments for `actor` and for their teams (the team, or an officer in it); managers are
    members of the teams they manage, so they see their teams' too. Administrators see all."""
    feed = Recognition.objects.select_related("case", "officer", "team").order_by("-passed_on_at")
    if actor.role == Role.ADMINISTRATOR:
        return feed
    teams = _team_ids(actor)
    return feed.filter(
        Q(officer=actor) | Q(team__in=teams) | Q(officer__teams__in=teams)
    ).distinct()


def compliments_to_pass_on(actor) -> QuerySet[Case]:
    """Compliments `actor` can see that nobody has passed on yet, oldest first."""
    return (
        visible_cases(actor)
        .filter(kind=CaseKind.COMPLIMENT, recognition__isnull=True)
        .exclude(status__in=[Status.CLOSED, Status.WITHDRAWN])
        .order_by("received_at")
    )


def comments_for_my_services(actor) -> QuerySet[CommentReview]:
    """Themed comments about the services `actor`'s teams own (all, for administrators)."""
    reviews = CommentReview.objects.select_related("case", "theme", "service").order_by(
        "-case__received_at"
    )
    if actor.role == Role.ADMINISTRATOR:
        return reviews
    return reviews.filter(service__team__in=_team_ids(actor))


def comments_to_theme(actor) -> QuerySet[Case]:
    """Comments `actor` can see that have no theme yet, oldest first."""
    return (
        visible_cases(actor)
        .filter(kind=CaseKind.COMMENT, comment_review__isnull=True)
        .exclude(status=Status.WITHDRAWN)
        .order_by("received_at")
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def themes_in(text: str, themes: Iterable[CommentTheme] | None = None) -> list[CommentTheme]:
    """The themes whose keywords the text uses (a keyword may be a phrase), most keywords first:
    the one theming of residents' words (comments, and the sentiment readings). `themes`
    defaults to the active ones; pass them in when theming many texts."""
    if themes is None:
        themes = CommentTheme.objects.filter(is_active=True).order_by("name")
    lowered, words = text.lower(), _words(text)
    hits = []
    for theme in themes:
        count = sum(
            1
            for keyword in theme.keywords
            if (keyword.lower() in lowered if " " in keyword else keyword.lower() in words)
        )
        if count:
            hits.append((-count, theme.name, theme))
    return [theme for _, _, theme in sorted(hits, key=lambda hit: hit[:2])]


def suggested_theme(text: str) -> CommentTheme | None:
    """The active theme whose keywords the comment uses most (a keyword may be a phrase)."""
    themes = themes_in(text)
    return themes[0] if themes else None


def suggested_officers(text: str) -> QuerySet[User]:
    """Active staff a compliment names by their full name."""
    lowered = " ".join(text.lower().split())
    staff = User.objects.active_staff().order_by("full_name")
    return staff.filter(pk__in=[u.pk for u in staff if u.full_name.lower() in lowered])


def suggested_teams(text: str) -> QuerySet[Team]:
    """Teams a compliment names by their name."""
    lowered = " ".join(text.lower().split())
    teams = Team.objects.order_by("name")
    return teams.filter(pk__in=[t.pk for t in teams if t.name.lower() in lowered])


# --- "Is this page useful?" ---------------------------------------------------------------------
# Answers come from any citizen page, by its path. A service's page (/services/<slug>/) and a
# guidance page (/guidance/<slug>/, and its printable steps) are the council's things; any other
# page counts under the service the page named when it was answered, else under "other pages".

OTHER_PAGES = "Other pages"
NEWEST_COMMENTS = 200
_SUBJECT_URLS = {"service": "service", "guidance": "guidance", "guidance-print": "guidance"}


@dataclass(frozen=True)
class PageSubject:
    """What a page is about: a service or a guidance page of the catalogue."""

    kind: str  # "service" or "guidance"
    slug: str
    title: str

    @property
    def name(self) -> str:
        return f"{self.title} (guidance)" if self.kind == "guidance" else self.title


@dataclass(frozen=True)
class Usefulness:
    """Answers to "Is this page useful?" for a page, or for a service or guidance page."""

    name: str
    useful: int
    not_useful: int
    subject: str = ""  # for a page: the service or guidance page it is about

    @property
    def answers(self) -> int:
        return self.useful + self.not_useful

    @property
    def useful_rate(self) -> float | None:
        return self.useful / self.answers if self.answers else None


def _page_feedback(since: datetime | None, until: datetime | None) -> QuerySet[PageFeedback]:
    answers = PageFeedback.objects.all()
    if since is not None:
        answers = answers.filter(created_at__gte=since)
    if until is not None:
        answers = answers.filter(created_at__lt=until)
    return answers


def _subject_url(path: str) -> tuple[str, str] | None:
    """(kind, slug) for a service's or guidance page's address, by the names web/urls.py gives
    them; None for any other page."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    kind = _SUBJECT_URLS.get(match.url_name or "")
    if match.namespace != "web" or kind is None or "slug" not in match.kwargs:
        return None
    return kind, match.kwargs["slug"]


def page_subjects(paths: list[str], services: dict[str, int | None]) -> dict[str, PageSubject]:
    """The subject of each path (where it has one): the page's own address first, else the
    service it named (`services`: path → service id). Three queries whatever the number."""
    by_url = {path: _subject_url(path) for path in paths}
    slugs = {kind: set() for kind in ("service", "guidance")}
    for found in by_url.values():
        if found:
            slugs[found[0]].add(found[1])
    titles = {
        ("service", slug): title
        for slug, title in Service.objects.filter(slug__in=slugs["service"]).values_list(
            "slug", "title"
        )
    }
    titles |= {
        ("guidance", slug): title
        for slug, title in GuidancePage.objects.filter(slug__in=slugs["guidance"]).values_list(
            "slug", "title"
        )
    }
    named = Service.objects.filter(pk__in={pk for pk in services.values() if pk}).values_list(
        "pk", "slug", "title"
    )
    by_id = {pk: PageSubject("service", slug, title) for pk, slug, title in named}
    subjects: dict[str, PageSubject] = {}
    for path in paths:
        found = by_url[path]
        if found and found in titles:
            subjects[path] = PageSubject(found[0], found[1], titles[found])
        elif services.get(path) in by_id:
            subjects[path] = by_id[services[path]]
    return subjects


def _answers_by_path(since, until) -> tuple[list[dict], dict[str, PageSubject]]:
    rows = list(
        _page_feedback(since, until)
        .values("path")
        .annotate(
            useful=Count("id", filter=Q(is_useful=True)),
            not_useful=Count("id", filter=Q(is_useful=False)),
            named_service=Max("service"),
        )
        .order_by("path")
    )
    services = {row["path"]: row["named_service"] for row in rows}
    return rows, page_subjects([row["path"] for row in rows], services)


def page_usefulness_by_page(
    *, since: datetime | None = None, until: datetime | None = None
) -> list[Usefulness]:
    """Each page answered: yes and no, and the service or guidance page it is about; most
    answered first."""
    rows, subjects = _answers_by_path(since, until)
    found = [
        Usefulness(
            row["path"],
            row["useful"],
            row["not_useful"],
            subjects[row["path"]].name if row["path"] in subjects else "",
        )
        for row in rows
    ]
    return sorted(found, key=lambda row: (-row.answers, row.name))


def page_usefulness_by_service(
    *, since: datetime | None = None, until: datetime | None = None
) -> list[Usefulness]:
    """Each service or guidance page answered about (its pages together), most answered first;
    the pages about neither together last, as "Other pages"."""
    rows, subjects = _answers_by_path(since, until)
    totals: dict[str, list[int]] = {}
    for row in rows:
        subject = subjects.get(row["path"])
        counts = totals.setdefault(subject.name if subject else OTHER_PAGES, [0, 0])
        counts[0] += row["useful"]
        counts[1] += row["not_useful"]
    found = [Usefulness(name, yes, no) for name, (yes, no) in totals.items()]
    return sorted(found, key=lambda row: (row.name == OTHER_PAGES, -row.answers, row.name))


@dataclass(frozen=True)
class PageComment:
    """What someone wrote after answering "No" (or "Yes") on a page."""

    created_at: datetime
    path: str
    subject: str
    trying_to_do: str
    what_went_wrong: str
    language: str


def page_feedback_comments(
    *, since: datetime | None = None, until: datetime | None = None, limit: int = NEWEST_COMMENTS
) -> list[PageComment]:
    """Answers with something written, newest first, with their page and its subject."""
    written = (
        _page_feedback(since, until)
        .exclude(trying_to_do="", what_went_wrong="")
        .order_by("-created_at", "-pk")[:limit]
    )
    answers = list(written)
    subjects = page_subjects(
        list({answer.path for answer in answers}),
        {answer.path: answer.service_id for answer in answers},
    )
    return [
        PageComment(
            answer.created_at,
            answer.path,
            subjects[answer.path].name if answer.path in subjects else "",
            answer.trying_to_do,
            answer.what_went_wrong,
            answer.language,
        )
        for answer in answers
    ]
