"""Writes about the panels: the panels themselves (from the council's profile), joining, a
parent's agreement, leaving with the data removed, the yearly "still happy to be on the panel?",
reading a member's contact details, moderating what members wrote, and inviting residents.

Every act is one function, taking the actor, in a transaction, logged as a PanelEvent (which
names a membership by number and holds no personal details). Emails are queued through notify in
the same transaction, so a rolled-back act sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.accounts.actors import account_or_none
from opencex.languages import offered_or_english
from opencex.notify.services import notify_address
from opencex.panels import census, links, policies, questions
from opencex.panels.models import (
    ContactBy,
    MemberMessage,
    Membership,
    MembershipStatus,
    ModerationStatus,
    Panel,
    PanelEvent,
    PanelInvitation,
    PanelKind,
    PanelProfile,
    ParentalConsent,
)
from opencex.people import equality
from opencex.people.models import Property, Resident
from opencex.people.services import agree_to_texts, create_resident, normalise_phone


class JoinError(ValueError):
    """A sign-up that cannot be taken, with the field to show the message at."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Applicant:
    """What a resident gives on the sign-up form. Every profile answer is optional ("" for not
    answered, or "prefer_not_to_say")."""

    full_name: str
    date_of_birth: date
    email: str = ""
    phone: str = ""
    contact_by: str = ContactBy.EMAIL
    postcode: str = ""
    ward: str = ""
    tenure: str = ""
    ethnic_group: str = ""  # a heading of questions.ETHNIC_HEADINGS
    disability: str = ""
    main_language: str = ""
    agrees_to_join: bool = False
    agrees_to_profile: bool = False
    parent_name: str = ""
    parent_email: str = ""
    message: str = ""
    language: str = "en"


@dataclass(frozen=True)
class Joined:
    membership: Membership
    already_on_panel: bool = False


# ---- the panels ----------------------------------------------------------------------------


def ensure_panels() -> dict[str, Panel]:
    """The council's two panels, made or brought up to date from its profile (capacity and the
    ages); safe to call on every sign-up and by the demo."""
    config = settings.COUNCIL_PROFILE.panels
    wanted = {
        PanelKind.RESIDENTS: (config.residents_capacity, config.residents_min_age, None),
        PanelKind.YOUTH: (config.youth_capacity, config.youth_min_age, config.youth_max_age),
    }
    panels = {}
    for kind, (capacity, min_age, max_age) in wanted.items():
        values = {"capacity": capacity, "min_age": min_age, "max_age": max_age}
        panel = Panel.objects.filter(kind=kind).first()
        if panel is None:
            panel = Panel.objects.create(kind=kind, name=kind.label, **values)
        elif any(getattr(panel, name) != value for name, value in values.items()):
            Panel.objects.filter(pk=panel.pk).update(**values)
            panel.refresh_from_db()
        panels[str(kind)] = panel
    return panels


def places_taken(panel: Panel) -> int:
    """Members, and those waiting for a parent's agreement (their place is kept for them)."""
    return panel.memberships.filter(
        left_at__isnull=True,
        status__in=[MembershipStatus.MEMBER, MembershipStatus.AWAITING_PARENTAL_CONSENT],
    ).count()


def is_full(panel: Panel) -> bool:
    return places_taken(panel) >= panel.capacity


def ward_for_postcode(postcode: str) -> str:
    """The ward of a postcode the council's property list knows; blank if it does not."""
    squashed = postcode.replace(" ", "").upper()
    if not squashed:
        return ""
    found = (
        Property.objects.exclude(ward="")
        .filter(postcode__iexact=f"{squashed[:-3]} {squashed[-3:]}")
        .values_list("ward", flat=True)
        .first()
    )
    return found or ""


def _log(panel: Panel, membership_number: int | None, actor, action: str, detail: str = ""):
    PanelEvent.objects.create(
        panel=panel,
        membership_number=membership_number,
        actor=account_or_none(actor),
        action=action,
        detail=detail[:300],
    )


# ---- joining -------------------------------------------------------------------------------


def _check(panel: Panel, applicant: Applicant, today: date) -> tuple[int, str]:
    """The applicant's age and ward, or a JoinError for the first thing that is wrong."""
    if not applicant.full_name.strip():
        raise JoinError("full_name", _("Enter your full name"))
    if applicant.contact_by == ContactBy.EMAIL and not applicant.email.strip():
        raise JoinError("email", _("Enter your email address, or choose text messages"))
    if applicant.contact_by == ContactBy.SMS and not applicant.phone.strip():
        raise JoinError("phone", _("Enter your mobile number, or choose email"))
    age = questions.age_on(applicant.date_of_birth, today)
    if applicant.date_of_birth > today:
        raise JoinError("date_of_birth", _("Date of birth must be in the past"))
    too_young = panel.min_age is not None and age < panel.min_age
    too_old = panel.max_age is not None and age > panel.max_age
    if (too_young or too_old) and panel.max_age is not None:
        raise JoinError(
            "date_of_birth",
            _("The %(panel)s is for people aged %(low)s to %(high)s")
            % {"panel": panel.name, "low": panel.min_age, "high": panel.max_age},
        )
    if too_young:
        raise JoinError(
            "date_of_birth",
            _("You must be %(age)s or older to join the %(panel)s")
            % {"age": panel.min_age, "panel": panel.name},
        )
    if _needs_parent(panel, age):
        if not applicant.parent_name.strip():
            raise JoinError("parent_name", _("Enter the name of your parent or carer"))
        if not applicant.parent_email.strip():
            raise JoinError("parent_email", _("Enter the email address of your parent or carer"))
    ward = ward_for_postcode(applicant.postcode) or applicant.ward
    if ward and ward not in census.wards():
        raise JoinError("ward", _("Select the area you live in from the list"))
    if applicant.tenure and applicant.tenure not in dict(questions.TENURE_CHOICES):
        raise JoinError("tenure", _("Select an answer from the list"))
    allowed = {
        "ethnic_group": {*questions.ETHNIC_HEADINGS, questions.PREFER_NOT_TO_SAY},
        "disability": set(dict(equality.DISABILITY.choices)),
        "main_language": set(dict(equality.MAIN_LANGUAGE.choices)),
    }
    for field, values in allowed.items():
        if getattr(applicant, field) and getattr(applicant, field) not in values:
            raise JoinError(field, _("Select an answer from the list"))
    profile_answers = (applicant.ethnic_group, applicant.disability, applicant.main_language)
    real_answers = [a for a in profile_answers if a and a != questions.PREFER_NOT_TO_SAY]
    if real_answers and not applicant.agrees_to_profile:
        raise JoinError(
            "agrees_to_profile",
            _("To keep your answers about yourself, agree to us using them to check the panel"),
        )
    if not applicant.agrees_to_join:
        raise JoinError("agrees_to_join", _("Agree to join the panel to continue"))
    return age, ward


def _needs_parent(panel: Panel, age: int) -> bool:
    return (
        panel.kind == PanelKind.YOUTH
        and age < settings.COUNCIL_PROFILE.panels.parental_consent_under
    )


def _find_or_create_resident(applicant: Applicant) -> tuple[Resident, bool]:
    """The resident with this email address (else this mobile number) the way the other public
    forms match them, or a new record (and True); a record found is never changed here: the
    number typed waits in the application until the owner of the address confirms it."""
    email = applicant.email.strip().lower()
    phone = normalise_phone(applicant.phone)
    found: Resident | None = None
    if email:
        found = (
            Resident.objects.live()
            .alias(email_lower=Lower("email"))
            .filter(email_lower=email)
            .order_by("pk")
            .first()
        )
    elif phone:
        found = Resident.objects.live().filter(phone=phone).order_by("pk").first()
    if found is None:
        made = create_resident(
            actor=None,
            full_name=applicant.full_name,
            email=email,
            phone=phone,
            preferred_language=applicant.language,
        )
        return made, True
    return found, False


@transaction.atomic
def join_panel(
    *,
    actor,
    kind: str,
    applicant: Applicant,
    today: date | None = None,
    resident: Resident | None = None,
) -> Joined:
    """An application to a panel. From the public form (no `resident`) nothing is real yet: the
    application waits, with its answers, for the link sent to the email address (or mobile)
    given, and no resident's record is changed (`confirm_application` makes it a membership).
    A resident signed in as themselves (`resident`) joins at once. On joining, a Youth Panel
    member under 16 waits for a parent's or carer's agreement (emailed to them); when the panel
    is full they go on the waiting list. Sending the same sign-up twice leaves one membership
    (Joined.already_on_panel)."""
    today = today or timezone.localdate()
    panel = Panel.objects.select_for_update().get(pk=ensure_panels()[kind].pk)
    age, ward = _check(panel, applicant, today)
    signed_in = resident is not None
    if resident is None:
        resident, made = _find_or_create_resident(applicant)
    else:
        made = False
    held = panel.memberships.current().filter(resident=resident).first()
    if held is not None and held.status == MembershipStatus.AWAITING_CONFIRMATION:
        # An earlier unconfirmed application: the newest one stands (and a record made for the
        # earlier one still goes with it when it is not confirmed).
        made = made or bool((held.application or {}).get("new_resident"))
        held.delete()
        held = None
    if held is not None:
        return Joined(held, already_on_panel=True)
    now = timezone.now()
    membership = Membership.objects.create(
        panel=panel,
        resident=resident,
        joined_at=now,
        confirmed_at=now,
        consent_given=True,
        status=MembershipStatus.AWAITING_CONFIRMATION,
        contact_by=applicant.contact_by,
        age_band=questions.age_band(age),
        ward=ward,
        tenure=applicant.tenure,
        application={
            "phone": normalise_phone(applicant.phone),
            "texts": applicant.contact_by == ContactBy.SMS,
            "needs_parent": _needs_parent(panel, age),
            "parent_name": applicant.parent_name.strip(),
            "parent_email": applicant.parent_email.strip().lower(),
            "language": applicant.language,
            "new_resident": made,
        },
    )
    if applicant.agrees_to_profile and any(
        (applicant.ethnic_group, applicant.disability, applicant.main_language)
    ):
        PanelProfile.objects.create(
            membership=membership,
            ethnic_group=applicant.ethnic_group,
            disability=applicant.disability,
            main_language=applicant.main_language,
            consented_at=now,
            purpose=str(questions.PURPOSE),
        )
    if applicant.message.strip():
        # A Youth Panel member's words wait for a moderator; an adult's are shown to the team.
        youth = panel.kind == PanelKind.YOUTH
        MemberMessage.objects.create(
            membership=membership,
            text=applicant.message.strip()[:2000],
            written_at=now,
            status=ModerationStatus.AWAITING if youth else ModerationStatus.APPROVED,
        )
    if signed_in:
        _admit(membership, actor=actor)
        return Joined(membership)
    _log(panel, membership.pk, actor, "applied", "Waiting for the applicant to confirm")
    email = applicant.email.strip().lower()
    notify_address(
        channel="email" if email else "sms",
        recipient=email or normalise_phone(applicant.phone),
        template="panel_confirm",
        context={
            "name": applicant.full_name.strip(),
            "panel": panel,
            "confirm_url": links.application_url(membership.pk),
            "days": links.APPLICATION_DAYS,
        },
        language=offered_or_english(applicant.language),
    )
    return Joined(membership)


def application_for_link(token: str) -> Membership | None:
    """The unconfirmed application a confirmation link is for; None when the link is not good,
    ran out, or the application was confirmed or removed."""
    number = links.membership_in(
        links.APPLICATION, token, max_age=timedelta(days=links.APPLICATION_DAYS)
    )
    if number is None:
        return None
    return (
        Membership.objects.current()
        .filter(pk=number, status=MembershipStatus.AWAITING_CONFIRMATION)
        .select_related("panel")
        .first()
    )


@transaction.atomic
def confirm_application(*, membership: Membership) -> Membership:
    """The owner of the email address (or mobile) used the link: the application becomes a
    membership, a place on the waiting list, or a wait for a parent's agreement."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_at is not None or membership.status != (
        MembershipStatus.AWAITING_CONFIRMATION
    ):
        return membership
    _admit(membership, actor=None)
    return membership


def _admit(membership: Membership, *, actor) -> None:
    """Make a confirmed application real: the texts agreed recorded on the resident's record
    (people.services), a parent's agreement asked for whenever one is needed (kept, whatever
    the status, so that a place offered later waits for it), and the member told."""
    panel = Panel.objects.select_for_update().get(pk=membership.panel_id)
    application = membership.application or {}
    now = timezone.now()
    needs_parent = bool(application.get("needs_parent"))
    if is_full(panel):
        status = MembershipStatus.WAITING_LIST
    elif needs_parent:
        status = MembershipStatus.AWAITING_PARENTAL_CONSENT
    else:
        status = MembershipStatus.MEMBER
    if membership.contact_by == ContactBy.SMS:
        texts = bool(application.get("phone")) and agree_to_texts(
            resident=membership.resident, phone=application["phone"]
        )
        membership.resident.refresh_from_db()
        if not texts and membership.resident.email:
            # The number typed is not the one held: no texts to a number nobody agreed for.
            membership.contact_by = ContactBy.EMAIL
    membership.status = status
    membership.joined_at = membership.confirmed_at = now
    membership.application = {}
    membership.save(
        update_fields=["status", "joined_at", "confirmed_at", "application", "contact_by"]
    )
    by_staff = bool(getattr(actor, "is_council_staff", False))
    _log(
        panel, membership.pk, actor, status, f"Joined by {'staff' if by_staff else 'the resident'}"
    )
    language = application.get("language") or ""
    if needs_parent:
        ParentalConsent.objects.create(
            membership=membership,
            parent_name=application.get("parent_name", ""),
            parent_email=application.get("parent_email", ""),
            requested_at=now,
        )
        if status == MembershipStatus.AWAITING_PARENTAL_CONSENT:
            _ask_the_parent(membership, language=language)
    _tell_member(membership, "panel_joined", language=language)


def _ask_the_parent(membership: Membership, *, language: str = "") -> None:
    consent = membership.parental_consent
    notify_address(
        channel="email",
        recipient=consent.parent_email,
        template="panel_parental_consent",
        context={
            "parent_name": consent.parent_name,
            "member_name": membership.resident.full_name,
            "panel": membership.panel,
            "consent_url": links.parent_url(membership.pk),
            "days": links.PARENT_LINK_DAYS,
        },
        language=offered_or_english(language or membership.resident.preferred_language),
    )


def remove_unconfirmed(now: datetime) -> int:
    """Applications not confirmed within links.APPLICATION_DAYS are deleted with their answers
    (and the resident's record, when it was made for the application and holds nothing else);
    how many."""
    stale = list(
        Membership.objects.filter(
            left_at__isnull=True,
            status=MembershipStatus.AWAITING_CONFIRMATION,
            joined_at__lte=now - timedelta(days=links.APPLICATION_DAYS),
        ).select_related("panel", "resident")
    )
    for membership in stale:
        _remove_unconfirmed(membership)
    return len(stale)


@transaction.atomic
def _remove_unconfirmed(membership: Membership) -> None:
    resident = membership.resident
    made_for_it = bool((membership.application or {}).get("new_resident"))
    _log(membership.panel, membership.pk, None, "application_removed", "Not confirmed in time")
    membership.delete()
    if made_for_it and not _holds_anything(resident):
        resident.delete()


def _holds_anything(resident: Resident) -> bool:
    """Whether anything at all points at the resident's record (then it is kept)."""
    for relation in Resident._meta.related_objects:
        accessor = relation.get_accessor_name()
        if accessor is None:
            continue
        model = relation.related_model
        if model._default_manager.filter(**{relation.field.name: resident}).exists():
            return True
    return resident.user_id is not None


def _tell_member(membership: Membership, template: str, *, language: str = "", **extra) -> None:
    """Email (or text) a member on the channel they chose; every message has the leave link."""
    resident = membership.resident
    if membership.contact_by == ContactBy.SMS and resident.phone:
        channel, recipient = "sms", resident.phone
    elif resident.email:
        channel, recipient = "email", resident.email
    elif resident.phone:
        channel, recipient = "sms", resident.phone
    else:
        return
    notify_address(
        channel=channel,
        recipient=recipient,
        template=template,
        context={
            "name": resident.full_name,
            "panel": membership.panel,
            "status": membership.status,
            "leave_url": links.leave_url(membership.pk),
            **extra,
        },
        language=offered_or_english(language or resident.preferred_language),
    )


@transaction.atomic
def give_parental_consent(*, token: str) -> Membership | None:
    """A parent's or carer's agreement through the emailed link: the young person becomes a
    member. None when the link is not good, ran out, or the membership is no longer waiting."""
    number = links.membership_in(
        links.PARENT, token, max_age=timedelta(days=links.PARENT_LINK_DAYS)
    )
    if number is None:
        return None
    membership = (
        Membership.objects.select_for_update()
        .filter(
            pk=number,
            left_at__isnull=True,
            status=MembershipStatus.AWAITING_PARENTAL_CONSENT,
        )
        .first()
    )
    if membership is None:
        return None
    now = timezone.now()
    ParentalConsent.objects.filter(membership=membership).update(given_at=now)
    membership.status = MembershipStatus.MEMBER
    membership.confirmed_at = now
    membership.save(update_fields=["status", "confirmed_at"])
    _log(membership.panel, membership.pk, None, "parental_consent_given")
    _tell_member(membership, "panel_joined")
    return membership


# ---- leaving -------------------------------------------------------------------------------


def membership_for_leave_link(token: str) -> Membership | None:
    number = links.membership_in(links.LEAVE, token)
    if number is None:
        return None
    return Membership.objects.current().filter(pk=number).select_related("panel").first()


@transaction.atomic
def leave_panel(*, actor, membership: Membership, reason: str) -> None:
    """End a membership and remove what it held: the special-category answers, a parent's
    details and what the member wrote are deleted, the strata blanked. What stays is the bare
    fact that resident was on the panel from one date to another (until the resident's own
    record is erased), which counts leavers and keeps a survey's sample whole."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.left_at is not None:
        return
    was_taking_a_place = membership.status in (
        MembershipStatus.MEMBER,
        MembershipStatus.AWAITING_PARENTAL_CONSENT,
    )
    PanelProfile.objects.filter(membership=membership).delete()
    ParentalConsent.objects.filter(membership=membership).delete()
    MemberMessage.objects.filter(membership=membership).delete()
    membership.left_at = timezone.now()
    membership.age_band = membership.ward = membership.tenure = ""
    membership.refresh_sent_at = None
    membership.save(update_fields=["left_at", "age_band", "ward", "tenure", "refresh_sent_at"])
    _log(membership.panel, membership.pk, actor, "left", reason)
    if was_taking_a_place:
        _offer_the_place(membership.panel)


def _offer_the_place(panel: Panel) -> None:
    """A place came free: the first on the waiting list joins (if the panel has room)."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if is_full(panel):
        return
    waiting = (
        panel.memberships.current()
        .filter(status=MembershipStatus.WAITING_LIST)
        .order_by("joined_at", "pk")
        .first()
    )
    if waiting is None:
        return
    now = timezone.now()
    consent = ParentalConsent.objects.filter(membership=waiting).first()
    if consent is not None and consent.given_at is None:
        # Under 16 and no parent has agreed yet: the place is kept while the parent is asked,
        # and the parent has their full time from now.
        waiting.status = MembershipStatus.AWAITING_PARENTAL_CONSENT
        waiting.confirmed_at = now
        waiting.save(update_fields=["status", "confirmed_at"])
        ParentalConsent.objects.filter(pk=consent.pk).update(requested_at=now)
        _log(panel, waiting.pk, None, "place_offered_awaiting_parent")
        _ask_the_parent(waiting)
        _tell_member(waiting, "panel_joined")
        return
    waiting.status = MembershipStatus.MEMBER
    waiting.confirmed_at = now
    waiting.save(update_fields=["status", "confirmed_at"])
    _log(panel, waiting.pk, None, "joined_from_waiting_list")
    _tell_member(waiting, "panel_joined")


def forget_panel_memberships(resident: Resident, *, actor=None) -> int:
    """Every panel the resident is on, left with the data removed (their erasure); how many."""
    held = list(Membership.objects.current().filter(resident=resident))
    for membership in held:
        leave_panel(actor=actor, membership=membership, reason="Resident's record erased")
    return len(held)


# ---- the yearly "still happy to be on the panel?" ------------------------------------------


def refresh_due_before(now: datetime) -> datetime:
    return now - relativedelta(months=settings.COUNCIL_PROFILE.panels.refresh_after_months)


def answer_by(sent_at: datetime) -> datetime:
    return sent_at + timedelta(days=settings.COUNCIL_PROFILE.panels.refresh_answer_days)


@transaction.atomic
def ask_if_still_happy(*, membership_id: int, now: datetime) -> bool:
    """Send the yearly question to one member, once per year; False if not due."""
    membership = (
        Membership.objects.to_refresh()
        .select_for_update()
        .filter(
            pk=membership_id,
            refresh_sent_at__isnull=True,
            confirmed_at__lte=refresh_due_before(now),
        )
        .first()
    )
    if membership is None:
        return False
    membership.refresh_sent_at = now
    membership.save(update_fields=["refresh_sent_at"])
    _log(membership.panel, membership.pk, None, "asked_if_still_happy")
    _tell_member(
        membership,
        "panel_still_happy",
        confirm_url=links.confirm_url(membership.pk),
        answer_by=timezone.localdate(answer_by(now)),
    )
    return True


def membership_for_confirm_link(token: str) -> Membership | None:
    days = settings.COUNCIL_PROFILE.panels.refresh_answer_days
    number = links.membership_in(links.CONFIRM, token, max_age=timedelta(days=days + 1))
    if number is None:
        return None
    return Membership.objects.to_refresh().filter(pk=number).select_related("panel").first()


@transaction.atomic
def confirm_still_happy(*, membership: Membership) -> None:
    """The member said yes: asked again in a year."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.confirmed_at = timezone.now()
    membership.refresh_sent_at = None
    membership.save(update_fields=["confirmed_at", "refresh_sent_at"])
    _log(membership.panel, membership.pk, None, "confirmed")


def remove_unanswered(now: datetime) -> int:
    """Members who did not answer the yearly question in time, and young people whose parent
    did not agree in time, leave with their data removed; how many."""
    days = settings.COUNCIL_PROFILE.panels.refresh_answer_days
    lapsed = list(
        Membership.objects.to_refresh().filter(refresh_sent_at__lte=now - timedelta(days=days))
    )
    unanswered_parents = list(
        Membership.objects.current().filter(
            status=MembershipStatus.AWAITING_PARENTAL_CONSENT,
            parental_consent__requested_at__lte=now - timedelta(days=links.PARENT_LINK_DAYS),
        )
    )
    for membership in lapsed:
        leave_panel(actor=None, membership=membership, reason="Did not say they were still happy")
    for membership in unanswered_parents:
        leave_panel(actor=None, membership=membership, reason="No parental consent in time")
    return len(lapsed) + len(unanswered_parents)


# ---- staff ---------------------------------------------------------------------------------


@transaction.atomic
def member_contact_details(*, actor, membership: Membership, why: str) -> dict[str, str]:
    """A member's email and phone, for an officer whose role contacts members; the read is
    logged with its reason."""
    if not policies.can_see_member_contact_details(actor, membership):
        raise PermissionDenied("Your role does not need panel members' contact details.")
    if not why.strip():
        raise ValueError(_("Say why you need the contact details"))
    _log(membership.panel, membership.pk, actor, "contact_details_read", why.strip())
    return {"email": membership.resident.email, "phone": membership.resident.phone}


@transaction.atomic
def moderate_message(*, actor, message: MemberMessage, approve: bool) -> MemberMessage:
    """A moderator approves what a member wrote (then the team may read it) or rejects it (the
    words are deleted, the fact of it is kept)."""
    if not policies.can_moderate_messages(actor):
        raise PermissionDenied("Only a moderator may approve what members wrote.")
    message = MemberMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != ModerationStatus.AWAITING:
        return message
    message.status = ModerationStatus.APPROVED if approve else ModerationStatus.REJECTED
    if not approve:
        message.text = ""
    message.moderated_by = account_or_none(actor)
    message.moderated_at = timezone.now()
    message.save(update_fields=["status", "text", "moderated_by", "moderated_at"])
    panel = message.membership.panel
    _log(panel, message.membership_id, actor, f"message_{message.status}", f"Message {message.pk}")
    return message


class InvitationRefused(ValueError):
    pass


@transaction.atomic
def invite_to_panel(*, actor, panel: Panel, resident: Resident) -> PanelInvitation:
    """Invite a resident who agreed to be asked about research to join a panel, to close a gap in
    its make-up: once each, by email, with the join link."""
    if not policies.can_invite_to_panel(actor):
        raise PermissionDenied("Your role may not invite residents to the panels.")
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    if not (resident.consents_to_research and resident.consents_to_email and resident.email):
        raise InvitationRefused(_("This resident has not agreed to be asked about research"))
    if panel.memberships.current().filter(resident=resident).exists():
        raise InvitationRefused(_("This resident is already on the panel"))
    if PanelInvitation.objects.filter(panel=panel, resident=resident).exists():
        raise InvitationRefused(_("This resident has been invited already"))
    invitation = PanelInvitation.objects.create(
        panel=panel, resident=resident, invited_at=timezone.now()
    )
    notify_address(
        channel="email",
        recipient=resident.email,
        template="panel_invitation",
        context={
            "name": resident.full_name,
            "panel": panel,
            "join_url": links.join_url(panel.kind),
        },
        language=offered_or_english(resident.preferred_language),
    )
    _log(panel, None, actor, "invited", f"Invitation {invitation.pk}")
    return invitation
