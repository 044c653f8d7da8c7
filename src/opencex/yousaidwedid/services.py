"""Every write to you said, we did: recording a change, linking the feedback behind it,
publishing it (which tells the residents who asked, once each) and withdrawing it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.accounts.models import User
from opencex.cases.models import Case, CaseKind
from opencex.catalogue.models import Service, ServiceArea
from opencex.feedback.models import PageFeedback, Rating
from opencex.notify import conf as notify_conf
from opencex.notify.language import message_language
from opencex.notify.services import notify_resident
from opencex.surveys.models import Response as SurveyResponse
from opencex.surveys.policies import can_view_survey_results
from opencex.yousaidwedid import policies, selectors
from opencex.yousaidwedid.models import (
    Change,
    ChangeEvent,
    ChangeNotice,
    ChangeSource,
    ChangeStatus,
    SourceKind,
)

TEMPLATE = "change_made"
PUBLIC_PATH = "/you-said-we-did/"


class ChangeError(Exception):
    """A change we cannot record or act on, with a message the officer can act on."""


def _locked(change: Change) -> Change:
    return Change.objects.select_for_update().get(pk=change.pk)


def _audit(change: Change, actor: User, action: str, detail: str = "") -> None:
    ChangeEvent.objects.create(change=change, actor=actor, action=action, detail=detail[:500])


def _required(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise ChangeError(f"Enter {what}.")
    return text


@transaction.atomic
def record_change(
    *,
    actor: User,
    title: str,
    you_said: str,
    we_did: str,
    service_area: ServiceArea,
    made_on: date,
    service: Service | None = None,
) -> Change:
    """Record a change made because of feedback, as a draft (nobody sees it until published)."""
    if not policies.can_record_changes(actor):
        raise PermissionDenied("You cannot record changes.")
    if made_on > timezone.localdate():
        raise ChangeError("The date the change was made must be today or in the past.")
    if service is not None and service.service_area_id != service_area.pk:
        raise ChangeError("Choose a service in the service area, or no service.")
    change = Change.objects.create(
        title=_required(title, "a title"),
        you_said=_required(you_said, "what residents said"),
        we_did=_required(we_did, "what we did"),
        service_area=service_area,
        service=service,
        made_on=made_on,
        recorded_by=actor,
    )
    _audit(change, actor, "recorded", change.title)
    return change


def _checked_source(
    kind: str,
    case: Case | None,
    rating: Rating | None,
    page_feedback: PageFeedback | None,
    survey_response: SurveyResponse | None = None,
    question_key: str = "",
) -> dict:
    if kind == SourceKind.SURVEY_ANSWER:
        if survey_response is None or not survey_response.answers.get(question_key):
            raise ChangeError("Choose a survey response and a question it answers.")
        return {"survey_response": survey_response, "question_key": question_key}
    if kind in (SourceKind.COMMENT, SourceKind.COMPLAINT):
        expected = CaseKind.COMMENT if kind == SourceKind.COMMENT else CaseKind.COMPLAINT
        if case is None or case.kind != expected:
            raise ChangeError(f"Choose a {SourceKind(kind).label.lower()}.")
        return {"case": case}
    if kind == SourceKind.RATING:
        if rating is None or not rating.comment.strip():
            raise ChangeError("Choose a satisfaction rating that has a comment.")
        return {"rating": rating}
    if kind == SourceKind.PAGE_FEEDBACK:
        if page_feedback is None:
            raise ChangeError("Choose the page feedback.")
        return {"page_feedback": page_feedback}
    raise ChangeError("Choose what kind of feedback it is.")


@transaction.atomic
def link_source(
    *,
    actor: User,
    change: Change,
    kind: str,
    case: Case | None = None,
    rating: Rating | None = None,
    page_feedback: PageFeedback | None = None,
    survey_response: SurveyResponse | None = None,
    question_key: str = "",
) -> ChangeSource:
    """Link a comment, complaint, rating, page feedback or survey answer to the change it led
    to. On a change already published, the resident behind it is told now if they asked."""
    change = _locked(change)
    if not policies.can_record_changes(actor):
        raise PermissionDenied("You cannot link feedback to changes.")
    if change.status == ChangeStatus.WITHDRAWN:
        raise ChangeError("This change has been withdrawn.")
    column = _checked_source(kind, case, rating, page_feedback, survey_response, question_key)
    if survey_response is not None and not can_view_survey_results(actor):
        raise PermissionDenied("You cannot see survey results.")
    if case is not None and not selectors.feedback_cases(actor).filter(pk=case.pk).exists():
        raise PermissionDenied("You cannot see that case.")
    if rating is not None and not selectors.feedback_ratings(actor).filter(pk=rating.pk).exists():
        raise ChangeError("You cannot see the case that rating is for.")
    if change.sources.filter(**column).exists():
        raise ChangeError("That feedback is already linked to this change.")
    source = ChangeSource.objects.create(change=change, kind=kind, linked_by=actor, **column)
    if survey_response is not None:
        what = f"{kind} {survey_response.pk} {question_key}"
    else:
        what = case.reference if case else f"{kind} {(rating or page_feedback).pk}"  # type: ignore[union-attr]
    _audit(change, actor, "linked", what)
    if change.is_published:
        _tell_residents(change, actor)
    return source


def _tell_residents(change: Change, actor: User) -> list[ChangeNotice]:
    """Tell each opted-in person behind the change's sources who has not yet been told, on the
    channel they chose and in their language; the notice row keeps it to once."""
    notices = []
    link = f"{notify_conf.site_url()}{PUBLIC_PATH}#change-{change.pk}"
    for person, case in selectors.people_to_tell(change).items():
        language = message_language(case)
        notification = notify_resident(
            case=case,
            template=TEMPLATE,
            extra_context={
                "change_title": change.text_in("title", language),
                "we_did": change.text_in("we_did", language),
                "change_url": link,
            },
            actor=actor,
        )
        if notification is not None:
            notices.append(
                ChangeNotice.objects.create(
                    change=change, person=person, case=case, notification=notification
                )
            )
    return notices


@transaction.atomic
def publish_change(*, actor: User, change: Change) -> list[ChangeNotice]:
    """Publish the change on the site and tell every resident behind it who asked to hear, once
    each (publishing again after a withdrawal tells only those not yet told)."""
    change = _locked(change)
    if not policies.can_publish_changes(actor):
        raise PermissionDenied("Only team managers and administrators can publish changes.")
    if change.is_published:
        raise ChangeError("This change is already published.")
    change.status = ChangeStatus.PUBLISHED
    change.published_at = timezone.now()
    change.published_by = actor
    change.save(update_fields=["status", "published_at", "published_by"])
    notices = _tell_residents(change, actor)
    _audit(change, actor, "published", f"Told {len(notices)} residents")
    return notices


@transaction.atomic
def withdraw_change(*, actor: User, change: Change, reason: str) -> Change:
    """Take a published change off the site (nobody is told; nothing already sent is recalled)."""
    change = _locked(change)
    if not policies.can_publish_changes(actor):
        raise PermissionDenied("Only team managers and administrators can withdraw changes.")
    if not change.is_published:
        raise ChangeError("Only a published change can be withdrawn.")
    reason = _required(reason, "why it is withdrawn")
    change.status = ChangeStatus.WITHDRAWN
    change.save(update_fields=["status"])
    _audit(change, actor, "withdrawn", reason)
    return change
