"""Recording satisfaction, passing on compliments and theming comments: every write to the
feedback app goes through here."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.cases.actions.clock import acknowledge_case
from opencex.cases.models import Case, EventKind, Status
from opencex.cases.timeline import record_event
from opencex.catalogue.models import Service
from opencex.feedback import policies
from opencex.feedback.models import (
    COMMENT_MAX_LENGTH,
    CommentReview,
    CommentTheme,
    PageFeedback,
    Rating,
    Recognition,
    Score,
)
from opencex.notify import conf as notify_conf
from opencex.notify.services import notify_staff

RATEABLE_STATUSES = frozenset({Status.RESOLVED, Status.RESPONDED, Status.CLOSED})
PATH_MAX_LENGTH = 300


class FeedbackError(Exception):
    """Feedback we cannot record, with a message the person can act on."""


class AlreadyRated(FeedbackError):
    """This case has a rating already."""


def can_rate(case: Case) -> bool:
    return case.status in RATEABLE_STATUSES and not case.ratings.exists()


def _clean_comment(text: str) -> str:
    text = text.strip()
    if len(text) > COMMENT_MAX_LENGTH:
        raise FeedbackError(f"Write {COMMENT_MAX_LENGTH} characters or fewer.")
    return text


def _clean_path(path: str) -> str:
    # Only the path: a query string could carry personal data (a search, a reference).
    path = path.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/") or path.startswith("//"):
        raise FeedbackError("That is not a page on this site.")
    return path[:PATH_MAX_LENGTH]


@transaction.atomic
def record_rating(
    *,
    case: Case,
    score: int,
    comment: str = "",
    language: str = "",
    page_path: str = "",
    hear_of_changes: bool = False,
) -> Rating:
    """The resident's one rating for a finished case (the caller has checked they may), and
    whether they asked to be told what changes because of it."""
    if case.status not in RATEABLE_STATUSES:
        raise FeedbackError("You can tell us how we did once your request is finished.")
    if score not in Score.values:
        raise FeedbackError("Choose how satisfied you are.")
    if Rating.objects.filter(case=case).exists():
        raise AlreadyRated("You have already told us how we did.")
    try:
        with transaction.atomic():
            return Rating.objects.create(
                case=case,
                service=case.service,
                channel=case.channel,
                score=score,
                comment=_clean_comment(comment),
                language=language[:16],
                page_path=page_path[:PATH_MAX_LENGTH],
                hear_of_changes_at=timezone.now() if hear_of_changes else None,
            )
    except IntegrityError:  # a second submit raced the first
        raise AlreadyRated("You have already told us how we did.") from None


@transaction.atomic
def record_page_feedback(
    *,
    path: str,
    is_useful: bool,
    service_slug: str = "",
    language: str = "",
    trying_to_do: str = "",
    what_went_wrong: str = "",
) -> PageFeedback:
    service = Service.objects.filter(slug=service_slug).first() if service_slug else None
    return PageFeedback.objects.create(
        path=_clean_path(path),
        is_useful=is_useful,
        service=service,
        language=language[:16],
        trying_to_do=_clean_comment(trying_to_do),
        what_went_wrong=_clean_comment(what_went_wrong),
    )


@transaction.atomic
def add_page_feedback_details(
    *, feedback_id: int, trying_to_do: str, what_went_wrong: str
) -> PageFeedback:
    """What the person was trying to do and what went wrong, added to their "No" answer (the
    caller passes only an answer given in the same browser session)."""
    feedback = PageFeedback.objects.select_for_update().get(pk=feedback_id)
    feedback.trying_to_do = _clean_comment(trying_to_do)
    feedback.what_went_wrong = _clean_comment(what_went_wrong)
    feedback.save(update_fields=["trying_to_do", "what_went_wrong"])
    return feedback


# --- Compliments and comments -------------------------------------------------------------------


def _locked_case(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).get(pk=case.pk)


def _acknowledge_if_new(actor, case: Case) -> Case:
    """Tell the resident we have passed their words on (the feedback lifecycle's one step)."""
    if case.status == Status.RECEIVED:
        return acknowledge_case(actor=actor, case=case)
    return case


def _people_to_tell(officer, team) -> list[tuple[User, str]]:
    """(user, why) for everyone a compliment reaches, each person once: the officer ("you"),
    the managers of the team and of the officer's teams ("manager"), the team ("team")."""
    people: dict[int, tuple[User, str]] = {}
    if officer is not None:
        people[officer.pk] = (officer, "you")
    teams = ([team] if team is not None else []) + (list(officer.teams.all()) if officer else [])
    managers = User.objects.filter(teams__in=teams, role=Role.TEAM_MANAGER, is_active=True)
    for manager in managers.distinct().order_by("pk"):
        people.setdefault(manager.pk, (manager, "manager"))
    if team is not None:
        for member in team.members.filter(is_active=True).order_by("pk"):
            people.setdefault(member.pk, (member, "team"))
    return list(people.values())


@transaction.atomic
def pass_on_compliment(
    *, actor, case: Case, officer=None, team=None, words: str = ""
) -> Recognition:
    """Pass a compliment to the officer and/or team it names: they and their managers are
    emailed, and it appears in their recognition feed."""
    case = _locked_case(case)
    if not policies.can_pass_on_compliment(actor, case):
        raise PermissionDenied("You cannot pass on this compliment.")
    if officer is None and team is None:
        raise FeedbackError("Choose the officer or the team the compliment is for.")
    if officer is not None and not (officer.is_active and officer.is_council_staff):
        raise FeedbackError("Compliments can only be passed on to active council staff.")
    if Recognition.objects.filter(case=case).exists():
        raise FeedbackError("This compliment has already been passed on.")
    words = words.strip() or case.description
    recognition = Recognition.objects.create(
        case=case,
        officer=officer,
        team=team,
        words=words,
        passed_on_by=actor,
        passed_on_at=timezone.now(),
    )
    praised = " and ".join(
        name for name in (officer.full_name if officer else "", team.name if team else "") if name
    )
    record_event(case, EventKind.NOTE, actor, f"Compliment passed on to {praised}")
    for person, why in _people_to_tell(officer, team):
        notify_staff(
            user=person,
            template="staff_compliment_received",
            context={
                "case": case,
                "praised": praised,
                "why": why,
                "words": words,
                "feed_url": f"{notify_conf.site_url()}/staff/compliments/",
            },
            actor=actor,
        )
    _acknowledge_if_new(actor, case)
    return recognition


@transaction.atomic
def theme_comment(*, actor, case: Case, theme: CommentTheme, service: Service) -> CommentReview:
    """Record a comment's theme and the service that owns it, so that service's teams see it.
    An officer may correct an earlier choice."""
    case = _locked_case(case)
    if not policies.can_theme_comment(actor, case):
        raise PermissionDenied("You cannot theme this comment.")
    if not theme.is_active:
        raise FeedbackError("Choose a theme that is still in use.")
    review, _ = CommentReview.objects.update_or_create(
        case=case,
        defaults={
            "theme": theme,
            "service": service,
            "reviewed_by": actor,
            "reviewed_at": timezone.now(),
        },
    )
    record_event(case, EventKind.NOTE, actor, f"Themed as {theme.name}, for {service.title}")
    _acknowledge_if_new(actor, case)
    return review
