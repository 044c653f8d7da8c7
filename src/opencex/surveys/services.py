"""The surveys' writes: creating a survey, the one door for an invitation (with the council's
limit on how often one person is asked, whatever the route), a stratified panel sample, the
invitations after a case closed, reminders, and answering (page by page, then once).

Every invitation goes through `invite`, so the limit cannot be bypassed: a panel sample, the
daily after-case job and an officer all meet the same check."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.accounts.actors import account_or_none
from opencex.cases.models import Case
from opencex.feedback.models import Rating
from opencex.forms import answers as checks
from opencex.forms.models import FormVersion
from opencex.forms.services import visible_questions
from opencex.notify import conf
from opencex.notify.language import resident_language
from opencex.notify.services import notify_address
from opencex.panels.models import ContactBy, Membership, Panel
from opencex.people.models import Resident
from opencex.people.phone_numbers import uk_mobile
from opencex.surveys import policies
from opencex.surveys.loading import definition_file, sync_survey_form
from opencex.surveys.models import Audience, Invitation, Response, Survey, SurveyStatus
from opencex.surveys.sampling import stratified_sample
from opencex.surveys.selectors import sample_frame

if TYPE_CHECKING:
    from opencex.accounts.models import User

logger = logging.getLogger(__name__)

STRATA = ("age_band", "ward", "tenure")
NOT_GIVEN = "not given"  # a blank stratum: the member chose not to say
_LINK_SALT = "opencex.surveys.invitation"


class SurveyError(Exception):
    """A survey act that cannot be done; the message says why, for the person who tried."""


def _limits():
    return settings.COUNCIL_PROFILE.surveys


def _today(now: datetime) -> date:
    return timezone.localdate(now)


# ---- running a survey -----------------------------------------------------------------------


@transaction.atomic
def create_survey(
    *,
    actor: User | None,
    definition: str,
    title: str,
    purpose: str,
    audience: str,
    opens_on: date,
    closes_on: date,
    is_anonymous: bool = True,
    status: str = SurveyStatus.OPEN,
) -> Survey:
    """A survey asking the survey form `definition` (a file in surveys/definitions). `actor`
    None is the system (the demo, a command)."""
    if actor is not None and not policies.can_run_surveys(actor):
        raise SurveyError(_("Only team managers and administrators may run surveys."))
    if closes_on < opens_on:
        raise SurveyError(_("A survey must close on or after the day it opens."))
    measures_tsm = bool(definition_file(definition).get("measures_tsm"))
    if measures_tsm and audience == Audience.OPEN_LINK:
        # Anyone could answer an open link again and again: the regulator's figures must come
        # from tenants asked, once each.
        raise SurveyError(
            _("A tenant satisfaction measures survey cannot be open to anyone with the link.")
        )
    form = sync_survey_form(definition)
    return Survey.objects.create(
        title=title,
        purpose=purpose,
        audience=audience,
        status=status,
        opens_on=opens_on,
        closes_on=closes_on,
        form=form,
        is_anonymous=is_anonymous,
        measures_tsm=measures_tsm,
        created_by=account_or_none(actor),
    )


@transaction.atomic
def close_survey(*, actor: User | None, survey: Survey) -> Survey:
    if actor is not None and not policies.can_run_surveys(actor):
        raise SurveyError(_("Only team managers and administrators may run surveys."))
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)
    survey.status = SurveyStatus.CLOSED
    return survey


# ---- inviting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    channel: str
    recipient: str


def contact_for(resident: Resident, membership: Membership | None = None) -> Contact | None:
    """How to send a survey to `resident`: the channel they prefer if they agreed to it and we
    hold the address, else the other one they agreed to; None if neither.

    A panel member is asked as they chose on the panel (`Membership.contact_by`): by text
    message only to a UK mobile and with their consent to texts; by email when they chose email
    for the panel (joining was their agreement to hear about the panel's work) or agreed to
    email."""
    if membership is not None:
        mobile = uk_mobile(resident.phone or "")
        by_sms = Contact("sms", mobile) if mobile and resident.consents_to_sms else None
        may_email = membership.contact_by == ContactBy.EMAIL or resident.consents_to_email
        by_email = Contact("email", resident.email) if may_email else None
        chosen_sms = membership.contact_by == ContactBy.SMS
        order = [by_sms, by_email] if chosen_sms else [by_email, by_sms]
    else:
        by_email = Contact("email", resident.email) if resident.consents_to_email else None
        by_sms = Contact("sms", resident.phone) if resident.consents_to_sms else None
        prefers_sms = resident.preferred_channel == "sms"
        order = [by_sms, by_email] if prefers_sms else [by_email, by_sms]
    return next((item for item in order if item and item.recipient), None)


def last_invited_at(resident: Resident) -> datetime | None:
    found = Invitation.objects.filter(resident=resident).order_by("-sent_at").first()
    return found.sent_at if found else None


def why_not_invite(
    survey: Survey, resident: Resident, *, now: datetime, membership: Membership | None = None
) -> str:
    """Why `resident` may not be invited to `survey` now, or "" if they may."""
    if not survey.is_open_on(_today(now)):
        return "the survey is not open"
    if contact_for(resident, membership) is None:
        return "no email or text message channel they agreed to"
    if Invitation.objects.filter(survey=survey, resident=resident).exists():
        return "already invited to this survey"
    days = _limits().min_days_between_invitations
    last = last_invited_at(resident)
    if last is not None and last > now - timedelta(days=days):
        return f"invited to a survey in the last {days} days"
    return ""


def invitation_token(invitation: Invitation) -> str:
    """The invitation's token, signed: what its link carries (a guessed or altered one finds
    nothing)."""
    return signing.Signer(salt=_LINK_SALT).sign(invitation.token)


def invitation_link(invitation: Invitation) -> str:
    """The invitation's own link, with its signed token."""
    return f"{conf.site_url()}/surveys/{invitation_token(invitation)}/"


def invitation_for_link(signed: str) -> Invitation | None:
    try:
        token = signing.Signer(salt=_LINK_SALT).unsign(signed)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("survey__form").filter(token=token).first()


def _message_context(invitation: Invitation) -> dict[str, Any]:
    return {
        "survey_title": invitation.survey.title,
        "survey_url": invitation_link(invitation),
        "closes_on": invitation.survey.closes_on,
    }


def invite(
    *,
    survey: Survey,
    resident: Resident,
    actor: User | None = None,
    membership: Membership | None = None,
    case: Case | None = None,
    now: datetime | None = None,
) -> Invitation | None:
    """The one door for an invitation: checks the survey is open, the resident can be reached
    as they agreed, and the council's limit on how often one person is asked; then records the
    invitation and sends it by email or text message. None (and a log line) if they may not be
    asked now."""
    now = now or timezone.now()
    with transaction.atomic():
        # One person at a time: two routes inviting the same resident at once see each other.
        Resident.objects.select_for_update().filter(pk=resident.pk).first()
        reason = why_not_invite(survey, resident, now=now, membership=membership)
        if reason:
            logger.info("Not inviting resident %s to survey %s: %s", resident.pk, survey.pk, reason)
            return None
        contact = contact_for(resident, membership)
        assert contact is not None  # why_not_invite checked it
        strata = {name: getattr(membership, name, "") or "" for name in STRATA}
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    survey=survey,
                    resident=resident,
                    token=secrets.token_urlsafe(24),
                    channel=contact.channel,
                    language=resident_language(resident),
                    membership=membership,
                    case=case,
                    sent_at=now,
                    **strata,
                )
        except IntegrityError:  # the same case's survey, raced
            return None
        notify_address(
            channel=contact.channel,
            recipient=contact.recipient,
            template="survey_invitation",
            context=_message_context(invitation),
            language=invitation.language,
            actor=actor,
        )
    return invitation


def stratum_of(membership: Membership, strata: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(getattr(membership, name) or NOT_GIVEN for name in strata)


def invite_sample(
    *,
    survey: Survey,
    panel: Panel,
    size: int,
    strata: tuple[str, ...] = STRATA,
    seed: int | None = None,
    actor: User | None = None,
    now: datetime | None = None,
) -> list[Invitation]:
    """Invite a stratified sample of `size` of the panel's active members, shared between the
    strata (a blank answer is its own stratum, "not given") in proportion to their sizes and
    drawn at random with `seed` (random if None). The frame is the members who may be invited
    now (reachable, not asked within the council's limit), so the sample is as large as asked
    whenever the frame is."""
    if actor is not None and not policies.can_run_surveys(actor):
        raise SurveyError(_("Only team managers and administrators may run surveys."))
    if survey.audience != Audience.PANEL_SAMPLE:
        raise SurveyError(_("This survey is not for a panel sample."))
    unknown = [name for name in strata if name not in STRATA]
    if unknown:
        raise SurveyError(f"Members cannot be stratified by {', '.join(unknown)}.")
    now = now or timezone.now()
    frame = sample_frame(survey, panel, now=now).may_be_invited
    chosen = stratified_sample(
        frame,
        size,
        stratum=lambda member: stratum_of(member, strata),
        seed=seed if seed is not None else secrets.randbits(32),
    )
    invited = []
    for member in sorted(chosen, key=lambda m: m.pk):
        invitation = invite(
            survey=survey, resident=member.resident, membership=member, actor=actor, now=now
        )
        if invitation is not None:
            invited.append(invitation)
    return invited


def invite_after_case_closed(*, survey: Survey, now: datetime | None = None) -> int:
    """Invite the residents whose case closed `after_case_days` ago (London days) to the
    after-case survey. The closing message already asked them to rate the case, so a case
    they rated gets no survey too: one ask answered is enough. Safe to run again the same
    day (one invitation per case and per survey)."""
    now = now or timezone.now()
    if survey.audience != Audience.AFTER_CASE:
        raise SurveyError("This survey is not for residents after a case.")
    day = _today(now) - timedelta(days=_limits().after_case_days)
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    closed = (
        Case.objects.filter(
            closed_at__gte=start, closed_at__lt=start + timedelta(days=1), resident__isnull=False
        )
        .exclude(pk__in=Rating.objects.filter(case__isnull=False).values("case"))
        .select_related("resident")
        .order_by("closed_at", "pk")
    )
    sent = 0
    for case in closed:
        assert case.resident is not None
        if invite(survey=survey, resident=case.resident, case=case, now=now) is not None:
            sent += 1
    return sent


def send_reminders(*, now: datetime | None = None) -> int:
    """One reminder for each invitation not answered `reminder_after_days` after it was sent,
    while its survey is open. Safe to run again: a reminder is sent once."""
    now = now or timezone.now()
    due = now - timedelta(days=_limits().reminder_after_days)
    waiting = Invitation.objects.filter(
        answered_at__isnull=True,
        reminded_at__isnull=True,
        sent_at__lte=due,
        survey__status=SurveyStatus.OPEN,
        survey__closes_on__gte=_today(now),
        resident__isnull=False,
    ).select_related("survey", "resident", "membership")
    sent = 0
    for invitation in waiting.order_by("pk"):
        with transaction.atomic():
            claimed = Invitation.objects.filter(
                pk=invitation.pk, reminded_at__isnull=True, answered_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            assert invitation.resident is not None
            contact = contact_for(invitation.resident, invitation.membership)
            if contact is None:  # they withdrew their consent since
                continue
            notify_address(
                channel=contact.channel,
                recipient=contact.recipient,
                template="survey_reminder",
                context=_message_context(invitation),
                language=invitation.language,
            )
            sent += 1
    return sent


@dataclass(frozen=True)
class DailyRun:
    invited_after_cases: int
    reminded: int

    def __str__(self) -> str:
        return (
            f"{self.invited_after_cases} invited after their case closed, {self.reminded} reminded"
        )


def run_daily(*, now: datetime | None = None) -> DailyRun:
    """The daily survey job: the after-case invitations of every open after-case survey, then
    the reminders."""
    now = now or timezone.now()
    invited = 0
    for survey in Survey.objects.filter(audience=Audience.AFTER_CASE, status=SurveyStatus.OPEN):
        if survey.is_open_on(_today(now)):
            invited += invite_after_case_closed(survey=survey, now=now)
    return DailyRun(invited, send_reminders(now=now))


def start_open_response(
    *, survey: Survey, language: str, now: datetime | None = None
) -> Invitation:
    """An "open link" survey: anyone with the survey's address may answer. Starting makes an
    invitation of no one (no resident, no message, outside the limit, which is about asking
    people), whose signed link the person then answers with, as an invited resident would."""
    now = now or timezone.now()
    if survey.audience != Audience.OPEN_LINK or survey.measures_tsm:
        # A tenant satisfaction measures survey is never answered by an open link (made one
        # before create_survey refused it, or changed in the database): not stuffable.
        raise SurveyError("This survey is answered only by invitation.")
    if not survey.is_open_on(_today(now)):
        raise SurveyError("This survey is closed.")
    return Invitation.objects.create(
        survey=survey,
        resident=None,
        token=secrets.token_urlsafe(24),
        channel="link",
        language=language,
        sent_at=now,
    )


# ---- answering ------------------------------------------------------------------------------


def version_of(survey: Survey) -> FormVersion:
    version = survey.form.current_version()
    if version is None:
        raise SurveyError("This survey has no published form.")
    return version


def may_answer(invitation: Invitation, *, now: datetime | None = None) -> bool:
    return invitation.answered_at is None and invitation.survey.is_open_on(
        _today(now or timezone.now())
    )


def save_page(
    *, invitation: Invitation, page: dict[str, Any], posted: Any
) -> dict[str, checks.Checked]:
    """Check one page's answers with the forms engine; right answers are kept with the
    invitation (so the resident can stop and come back with their link). Returns the errors."""
    errors: dict[str, checks.Checked] = {}
    values: dict[str, Any] = {}
    for question in visible_questions(page, invitation.answers):
        checked = checks.check_answer(question, posted)
        if checked.error:
            errors[question["id"]] = checked
        else:
            values[question["id"]] = checked.value
    if errors:
        return errors
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.answered_at is not None:
            raise SurveyError("This survey has already been answered.")
        answers = {**locked.answers, **values}
        for qid in [q["id"] for q in page["questions"]]:
            if qid not in values:
                answers.pop(qid, None)  # a question no longer shown keeps no old answer
        pages_done = (
            [*locked.pages_done, page["id"]]
            if page["id"] not in locked.pages_done
            else locked.pages_done
        )
        locked.answers, locked.pages_done = answers, pages_done
        locked.save(update_fields=["answers", "pages_done"])
    invitation.answers, invitation.pages_done = answers, pages_done
    return {}


def submit_response(
    *, invitation: Invitation, language: str, now: datetime | None = None
) -> Response:
    """Keep the invitation's answers as the survey's response, once: sent twice, it is stored
    once (the second call returns the first response, or raises if that was anonymous)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update().select_related("survey").get(pk=invitation.pk)
        )
        if locked.answered_at is not None:
            existing = Response.objects.filter(invitation=locked).first()
            if existing is None:
                raise SurveyError("This survey has already been answered.")
            return existing
        survey = locked.survey
        if not survey.is_open_on(_today(now)):
            raise SurveyError("This survey is closed.")
        version = version_of(survey)
        shown = _shown_answers(version.schema, locked.answers)
        # An anonymous response must not be matched to its invitation (and so to the person) by
        # the moment it was sent: both keep only the day (midnight, London time).
        when = day_only(now) if survey.is_anonymous else now
        response = Response.objects.create(
            survey=survey,
            version=version,
            invitation=None if survey.is_anonymous else locked,
            answers=shown,
            language=language,
            age_band=locked.age_band,
            ward=locked.ward,
            tenure=locked.tenure,
            submitted_at=when,
        )
        locked.answered_at = when
        locked.answers, locked.pages_done = {}, []
        locked.save(update_fields=["answered_at", "answers", "pages_done"])
    invitation.answered_at = when
    return response


def day_only(now: datetime) -> datetime:
    """Midnight (London time) of the day of `now`: the day, without the time."""
    return timezone.make_aware(datetime.combine(_today(now), datetime.min.time()))


def _shown_answers(schema: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """Only the answers to questions the branching still shows."""
    kept: dict[str, Any] = {}
    for page in schema["pages"]:
        if not checks.is_shown(page, kept):
            continue
        for question in page["questions"]:
            qid = question["id"]
            if checks.is_shown(question, kept) and checks.is_answered(answers.get(qid)):
                kept[qid] = answers[qid]
    return kept


# ---- forgetting -----------------------------------------------------------------------------


def forget_membership(membership: Membership) -> int:
    """A member left their panel: the invitations they were sent as a member keep no strata and
    no answers not yet sent (sent answers are the survey's). How many invitations changed."""
    return Invitation.objects.filter(membership=membership).update(
        age_band="", ward="", tenure="", answers={}, pages_done=[]
    )


def forget_resident(resident: Resident) -> int:
    """The resident's record is erased (retention.anonymising): their invitations keep no strata,
    no answers not yet sent, and no link to them, their panel membership or their case; a
    response to a survey that is not anonymous loses its link to the invitation and its strata,
    so what stays is an anonymous set of answers. How many invitations changed."""
    invitations = Invitation.objects.filter(resident=resident)
    Response.objects.filter(invitation__in=invitations).update(
        invitation=None, age_band="", ward="", tenure=""
    )
    return invitations.update(
        resident=None,
        membership=None,
        case=None,
        age_band="",
        ward="",
        tenure="",
        answers={},
        pages_done=[],
    )
