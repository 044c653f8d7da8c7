"""Reads for feedback: satisfaction figures (average rating by service and by channel), the
recognition feed of compliments, comments for the services that own them, and suggestions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Avg, Count, Q, QuerySet

from opencex.accounts.models import Role, User
from opencex.cases.models import Case, CaseKind, Status
from opencex.cases.policies import visible_cases
from opencex.catalogue.models import Team
from opencex.feedback.models import CommentReview, CommentTheme, Rating, Recognition


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
