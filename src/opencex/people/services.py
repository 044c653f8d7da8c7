"""Writes about residents: creating them, and recording or reading special-category data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.people import equality, policies
from opencex.people.communication import AccessibleFormat, is_interpreter_language
from opencex.people.dates_of_birth import check_date_of_birth
from opencex.people.models import (
    AccessKind,
    ConsentHow,
    ContactChannel,
    EqualityProfile,
    LawfulBasis,
    PublicInterestCondition,
    Resident,
    SensitiveAccess,
    SensitiveCategory,
    SensitiveInformation,
)
from opencex.people.phone_numbers import phone_number, uk_mobile


def likely_duplicates(
    *, full_name: str, email: str = "", phone: str = "", date_of_birth: date | None = None
) -> QuerySet[Resident]:
    """Residents who are probably the same person: same email, same phone, or same name and
    date of birth; live records only (never one merged away). Staff are warned before creating
    another record. The one exact rule: matching adds its engine's candidates to it."""
    match = Q(pk__in=[])
    if email:
        match |= Q(email_lower=email.strip().lower())
    if phone:
        match |= Q(phone=normalise_phone(phone))
    if date_of_birth:
        match |= Q(full_name__iexact=full_name.strip(), date_of_birth=date_of_birth)
    return Resident.objects.live().annotate(email_lower=Lower("email")).filter(match)


def normalise_phone(phone: str) -> str:
    """A UK phone number as stored and searched: digits only, +44 written as 0."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return "0" + digits[3:] if digits.startswith("+44") else digits


@transaction.atomic
def create_resident(
    *,
    actor,
    full_name: str,
    email: str = "",
    phone: str = "",
    date_of_birth: date | None = None,
    **details,
) -> Resident:
    """Create a resident record (the caller has shown the officer any likely duplicates). A date
    of birth in the future or beyond anyone's age is refused (DateOfBirthRefused)."""
    if not full_name.strip():
        raise ValueError("Enter the resident's full name.")
    return Resident.objects.create(
        full_name=full_name.strip(),
        email=email.strip().lower(),
        phone=normalise_phone(phone),
        date_of_birth=check_date_of_birth(date_of_birth),
        **details,
    )


@transaction.atomic
def record_sensitive_information(
    *,
    actor,
    resident: Resident,
    category: str,
    details: str,
    purpose: str,
    lawful_basis: str,
    review_on: date,
    consent_given: bool = False,
    raises_priority: bool = True,
) -> SensitiveInformation:
    """Special-category data copied in by a data loader (the housing import, the demo) with the
    source system's free-text lawful basis. The same door as `record_support_need`, which
    officers use: the same policy, the same entry, and the same access-log row, of the kind
    IMPORTED, so the log says everything done with a resident's data."""
    if not policies.can_record_sensitive_information(actor, resident):
        raise PermissionDenied("You cannot record health or vulnerability information.")
    if not purpose.strip():
        raise ValueError("Say why the council needs to hold this information.")
    return _recorded(
        actor,
        AccessKind.IMPORTED,
        resident=resident,
        category=SensitiveCategory(category),
        details=details,
        purpose=purpose,
        lawful_basis=lawful_basis,
        consent_given=consent_given,
        raises_priority=raises_priority,
        review_on=review_on,
    )


def _recorded(actor, kind: str, **fields) -> SensitiveInformation:
    """The one write of a new entry: stored, the resident's priority brought up to date, and
    the write logged."""
    entry = SensitiveInformation.objects.create(recorded_by=actor, **fields)
    sync_priority(entry.resident)
    _log_write(actor, entry, kind, entry.purpose)
    return entry


# ---- the support-need lifecycle: record, review, remove --------------------------------------
# Details are kept to what an officer needs in order to help ("uses a wheelchair; ground-floor
# appointments"), never a diagnosis or history.
DETAILS_MAX_LENGTH = 500
# A support need is looked at again within a year at most; sooner is better.
LONGEST_REVIEW = timedelta(days=366)
# Officers are told of a review this many days before it is due (people.review_reminders).
REVIEW_NOTICE_DAYS = 14


class SupportNeedError(ValueError):
    """A support need that cannot be recorded, reviewed or removed as given: every problem, by
    field, to show at once."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def _check_review_date(review_on: date | None, today: date, errors: dict[str, str]) -> None:
    if review_on is None:
        errors["review_on"] = _("Enter the date to review this by")
    elif review_on <= today:
        errors["review_on"] = _("The review date must be in the future")
    elif review_on > today + LONGEST_REVIEW:
        errors["review_on"] = _("The review date must be within a year")


def basis_in_words(basis: str, condition: str = "") -> str:
    """The lawful basis as `SensitiveInformation.lawful_basis` keeps it (English, for the
    record and the subject access export)."""
    words = LawfulBasis(basis).label
    if basis == LawfulBasis.SUBSTANTIAL_PUBLIC_INTEREST and condition:
        words = f"{words}: {PublicInterestCondition(condition).label}"
    return str(words)


@transaction.atomic
def record_support_need(
    *,
    actor,
    resident: Resident,
    category: str,
    details: str,
    purpose: str,
    basis: str,
    review_on: date | None,
    consent_given: bool,
    consent_how: str = "",
    basis_condition: str = "",
    basis_reason: str = "",
    team=None,
    raises_priority: bool = True,
    today: date | None = None,
) -> SensitiveInformation:
    """An officer records a vulnerability or support need: what (minimised), why, on which
    lawful basis, with the resident's consent and how it was given or, without consent, on
    another basis and why; and when to review it. The team named holds and reviews it."""
    if not policies.can_record_sensitive_information(actor, resident):
        raise PermissionDenied("You cannot record health or vulnerability information.")
    today = today or timezone.localdate()
    details = details.strip()
    errors: dict[str, str] = {}
    if category not in SensitiveCategory.values:
        errors["category"] = _("Select the kind of support need")
    if not details:
        errors["details"] = _("Enter what officers need to know to help")
    elif len(details) > DETAILS_MAX_LENGTH:
        errors["details"] = _("Keep the details to %(most)d characters or fewer") % {
            "most": DETAILS_MAX_LENGTH
        }
    if not purpose.strip():
        errors["purpose"] = _("Say why the council needs to hold this information")
    if consent_given and consent_how not in ConsentHow.values:
        errors["consent_how"] = _("Select how the resident gave their consent")
    if basis not in LawfulBasis.values:
        errors["basis"] = _("Select the lawful basis")
    elif not consent_given and basis == LawfulBasis.CONSENT:
        errors["basis"] = _(
            "Without the resident's consent, choose a lawful basis other than consent"
        )
    if not consent_given and not basis_reason.strip():
        errors["basis_reason"] = _("Say why the council holds this without the resident's consent")
    if basis == LawfulBasis.SUBSTANTIAL_PUBLIC_INTEREST and (
        basis_condition not in PublicInterestCondition.values
    ):
        errors["basis_condition"] = _("Select the substantial public interest condition")
    _check_review_date(review_on, today, errors)
    if errors:
        raise SupportNeedError(errors)
    assert review_on is not None
    return _recorded(
        actor,
        AccessKind.RECORDED,
        resident=resident,
        category=SensitiveCategory(category),
        details=details,
        purpose=purpose.strip(),
        basis=LawfulBasis(basis),
        basis_condition=basis_condition if basis == LawfulBasis.SUBSTANTIAL_PUBLIC_INTEREST else "",
        lawful_basis=basis_in_words(basis, basis_condition),
        basis_reason="" if consent_given else basis_reason.strip(),
        consent_given=consent_given,
        consent_how=consent_how if consent_given else "",
        raises_priority=raises_priority,
        review_on=review_on,
        team=team,
    )


def _locked_entry(information: SensitiveInformation) -> SensitiveInformation:
    entry = SensitiveInformation.objects.select_for_update().get(pk=information.pk)
    if entry.withdrawn_at is not None:
        raise SupportNeedError({"note": _("This support need has been removed already")})
    return entry


@transaction.atomic
def review_support_need(
    *,
    actor,
    information: SensitiveInformation,
    note: str,
    review_on: date | None,
    details: str | None = None,
    today: date | None = None,
) -> SensitiveInformation:
    """The officer reviewed the support need with the resident: it is still needed (with a note
    and the next review date), perhaps with its details changed. Logged as reviewed or changed."""
    if not policies.can_review_support_need(actor, information):
        raise PermissionDenied("You cannot review this resident's support needs.")
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if not note.strip():
        errors["note"] = _("Enter what you checked with the resident")
    if details is not None:
        details = details.strip()
        if not details:
            errors["details"] = _("Enter what officers need to know to help")
        elif len(details) > DETAILS_MAX_LENGTH:
            errors["details"] = _("Keep the details to %(most)d characters or fewer") % {
                "most": DETAILS_MAX_LENGTH
            }
    _check_review_date(review_on, today, errors)
    if errors:
        raise SupportNeedError(errors)
    entry = _locked_entry(information)
    changed = details is not None and details != entry.details
    if changed:
        entry.details = details
    _close_governance_review(actor, entry, note)
    entry.review_on = review_on
    entry.reviewed_at = timezone.now()
    entry.reviewed_by = actor
    entry.review_note = note.strip()
    entry.save()
    _log_write(actor, entry, AccessKind.CHANGED if changed else AccessKind.REVIEWED, note)
    return entry


@transaction.atomic
def remove_support_need(
    *, actor, information: SensitiveInformation, reason: str
) -> SensitiveInformation:
    """The support need is no longer needed, or the resident withdrew their consent: its details
    are erased, it stops raising priority, and the removal (who, when, why) stays in the log."""
    if not policies.can_review_support_need(actor, information):
        raise PermissionDenied("You cannot remove this resident's support needs.")
    reason = " ".join(reason.split())
    if not reason:
        raise SupportNeedError({"reason": _("Enter why the support need is being removed")})
    if len(reason) > BREAK_GLASS_REASON_MAX_LENGTH:
        raise SupportNeedError(
            {
                "reason": _("Your reason must be %(most)d characters or fewer")
                % {"most": BREAK_GLASS_REASON_MAX_LENGTH}
            }
        )
    entry = _locked_entry(information)
    _close_governance_review(actor, entry, reason)
    entry.details = ""
    entry.withdrawn_at = timezone.now()
    entry.withdrawn_by = actor
    entry.withdrawal_reason = reason
    entry.save()
    sync_priority(entry.resident)
    _log_write(actor, entry, AccessKind.REMOVED, reason)
    return entry


def _close_governance_review(actor, entry: SensitiveInformation, note: str) -> None:
    """An officer who reviews or removes a support need has done the review that the retention
    job put on information governance's list for its review date (`retention.reviews`): that
    task is closed with the officer's note, so the list shows only what is still to do. Reached
    through the entry's `reviews` (retention builds on people, so people does not import it)."""
    # The note is a record, kept in English like the lawful basis.
    entry.reviews.filter(review_on__lte=entry.review_on, done_at__isnull=True).update(
        done_at=timezone.now(),
        done_by=actor,
        note=f"Done on the resident's page: {note.strip()}",
    )


def _log_write(actor, entry: SensitiveInformation, kind: str, why: str) -> None:
    SensitiveAccess.objects.create(
        resident=entry.resident,
        actor=actor,
        purpose=" ".join(why.split())[:BREAK_GLASS_REASON_MAX_LENGTH],
        kind=kind,
        information_number=entry.pk,
    )


@dataclass(frozen=True)
class ReviewDue:
    """A support need whose review is due: whose, which team holds it, when; never what it is."""

    number: int
    resident: Resident
    review_on: date
    team_name: str
    is_overdue: bool


def reviews_due(*, actor, today: date, within_days: int = REVIEW_NOTICE_DAYS) -> list[ReviewDue]:
    """The support needs due for review by `today + within_days` that `actor` reviews
    (people.policies.support_needs_readable_by). Overdue first. Nothing of the details is read,
    so no read is logged."""
    if not policies.can_see_reviews_due(actor):
        return []
    entries = _reviews_due_for(actor, today + timedelta(days=within_days))
    return [
        ReviewDue(
            number=entry.pk,
            resident=entry.resident,
            review_on=entry.review_on,
            team_name=entry.team.name if entry.team else "",
            is_overdue=entry.review_on < today,
        )
        for entry in entries.select_related("resident", "team").order_by("review_on", "pk")
    ]


def count_reviews_due(*, actor, today: date, within_days: int = REVIEW_NOTICE_DAYS) -> int:
    if not policies.can_see_reviews_due(actor):
        return 0
    return _reviews_due_for(actor, today + timedelta(days=within_days)).count()


def _reviews_due_for(actor, by: date) -> QuerySet[SensitiveInformation]:
    return (
        policies.support_needs_readable_by(actor)
        .current()
        .filter(review_on__lte=by)
        .only("id", "resident_id", "review_on", "team_id", "recorded_by_id")
    )


def reviews_to_remind(today: date) -> QuerySet[SensitiveInformation]:
    """Current support needs due for review within the notice period whose officers have not
    been told about this review date yet (the daily job tells them once per date)."""
    return (
        SensitiveInformation.objects.current()
        .filter(review_on__lte=today + timedelta(days=REVIEW_NOTICE_DAYS))
        .exclude(review_reminded_for=F("review_on"))
        .only("id", "resident_id", "review_on", "team_id", "recorded_by_id")
        .order_by("review_on", "pk")
    )


def claim_review_reminder(number: int) -> SensitiveInformation | None:
    """Mark the support need `number` as reminded for its review date, under its row lock; None
    if it was reminded already (a second run) or is gone. Call inside a transaction."""
    entry = (
        SensitiveInformation.objects.select_for_update(of=("self",))
        .select_related("resident", "team", "recorded_by")
        .defer("details")
        .filter(pk=number, withdrawn_at__isnull=True)
        .first()
    )
    if entry is None or entry.review_reminded_for == entry.review_on:
        return None
    entry.review_reminded_for = entry.review_on
    entry.save(update_fields=["review_reminded_for"])
    return entry


def sync_priority(resident: Resident) -> None:
    """Put `Resident.is_priority` right from their current support needs (after a record's
    entries change, or move to another record in a merge)."""
    is_priority = resident.sensitive_information.current().filter(raises_priority=True).exists()
    if resident.is_priority != is_priority:
        resident.is_priority = is_priority
        resident.save(update_fields=["is_priority", "updated_at"])


BREAK_GLASS_REASON_MAX_LENGTH = SensitiveAccess._meta.get_field("purpose").max_length


class ReasonRequired(ValueError):
    """A break-glass read without a usable reason."""


@transaction.atomic
def read_sensitive_information(
    *, actor, resident: Resident, purpose: str, include_withdrawn: bool = False
) -> list[SensitiveInformation]:
    """The resident's current special-category data an officer may read (people.policies: every
    entry with a need to know, else those their teams hold); every read is recorded with its
    purpose. A subject access export asks
    for the withdrawn entries too (`include_withdrawn`): the council still holds them, so the
    resident is entitled to see them. This and `break_glass` are the only ways the details are
    read (a test keeps it so)."""
    if not policies.can_view_sensitive_information(actor, resident):
        raise PermissionDenied(
            "You can see health or vulnerability information only for residents with a case "
            "with your team, or by giving a reason."
        )
    readable = policies.support_needs_readable_by(actor).filter(resident=resident)
    return _read(actor, resident, purpose, AccessKind.NEED_TO_KNOW, include_withdrawn, readable)


@transaction.atomic
def break_glass(*, actor, resident: Resident, reason: str) -> list[SensitiveInformation]:
    """Read the details without a need to know, giving a reason: the read is recorded as a
    break-glass read with the reason, which information governance reviews."""
    if not policies.can_break_glass(actor, resident):
        raise PermissionDenied("Your role cannot see health or vulnerability information.")
    reason = " ".join(reason.split())
    if not reason:
        raise ReasonRequired(_("Enter why you need to see this information"))
    if len(reason) > BREAK_GLASS_REASON_MAX_LENGTH:
        raise ReasonRequired(
            _("Your reason must be %(most)d characters or fewer")
            % {"most": BREAK_GLASS_REASON_MAX_LENGTH}
        )
    return _read(
        actor,
        resident,
        reason,
        AccessKind.BREAK_GLASS,
        include_withdrawn=False,
        held=resident.sensitive_information.all(),
    )


def record_special_category_read(*, actor, resident: Resident, purpose: str) -> None:
    """Log a read of the resident's special-category data held outside their support needs (an
    urgency cue of self-harm on a case: opencex.cues), as every need-to-know read is logged, for
    information governance's list of who read what."""
    SensitiveAccess.objects.create(
        resident=resident, actor=actor, purpose=purpose[:200], kind=AccessKind.NEED_TO_KNOW
    )


def entries_due_for_review(today: date) -> QuerySet[SensitiveInformation]:
    """Current entries whose review date has come, for the review list: which entry, whose and
    when, never what it says (the details stay unread, so there is no read to log)."""
    return (
        SensitiveInformation.objects.current()
        .filter(review_on__lte=today)
        .only("id", "resident_id", "review_on")
    )


def forget_sensitive_information(resident: Resident) -> int:
    """Delete every special-category entry held about a resident (anonymisation or erasure), and
    their equality answers, unread; the access log of earlier reads stays, redacted by the
    caller. How many went."""
    deleted, _by_model = SensitiveInformation.objects.filter(resident=resident).delete()
    profiles, _by_model = EqualityProfile.objects.filter(resident=resident).delete()
    return deleted + profiles


def _read(
    actor,
    resident: Resident,
    purpose: str,
    kind: str,
    include_withdrawn: bool,
    held: QuerySet[SensitiveInformation],
) -> list[SensitiveInformation]:
    SensitiveAccess.objects.create(resident=resident, actor=actor, purpose=purpose, kind=kind)
    if not include_withdrawn:
        held = held.current()
    return list(held.order_by("-recorded_at"))


class PreferenceError(ValueError):
    """Contact preferences that cannot work, with the field and a message to show."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def update_contact_preferences(
    *,
    actor,
    resident: Resident,
    preferred_channel: str,
    preferred_language: str,
    consents_to_email: bool,
    consents_to_sms: bool,
    phone: str = "",
    accessible_format: str | None = None,
    interpreter_language: str | None = None,
) -> Resident:
    """How the resident wants to hear from the council; messages follow it (notify.services).
    Agreeing to text messages is kept with its time; an accessible format or an interpreter
    language (None: left as it is) is shown to every officer on the resident's page."""
    if not policies.can_change_contact_preferences(actor, resident):
        raise PermissionDenied("You cannot change this person's contact preferences.")
    channel = ContactChannel(preferred_channel)
    written = phone or resident.phone
    stored = phone_number(written) if written else ""
    if stored is None:
        raise PreferenceError(
            "phone",
            _(
                "Enter a phone number, like 07700 900 982, or a number in another country with "
                "its country code, like +48 601 234 567"
            ),
        )
    if channel == ContactChannel.SMS and not consents_to_sms:
        raise PreferenceError("consents", _("To get text messages, agree to text messages"))
    if consents_to_sms and not uk_mobile(stored):
        raise PreferenceError(
            "phone", _("Enter a UK mobile phone number to get text messages, like 07700 900 982")
        )
    if channel == ContactChannel.EMAIL and not (consents_to_email and resident.email):
        raise PreferenceError("consents", _("To get emails, agree to emails"))
    if accessible_format and accessible_format not in AccessibleFormat.values:
        raise PreferenceError("accessible_format", _("Select a format from the list"))
    if interpreter_language and not is_interpreter_language(interpreter_language):
        raise PreferenceError("interpreter_language", _("Select a language from the list"))
    resident.preferred_channel = channel
    resident.preferred_language = preferred_language
    resident.consents_to_email = consents_to_email
    resident.consents_to_sms = consents_to_sms  # its time is kept by Resident.save
    resident.phone = stored
    if accessible_format is not None:
        resident.accessible_format = accessible_format
    if interpreter_language is not None and interpreter_language != resident.interpreter_language:
        # Only a change of language says whether an interpreter is needed: an officer may have
        # recorded the need before anyone knew which language.
        resident.interpreter_language = interpreter_language
        resident.needs_interpreter = bool(interpreter_language)
    resident.save()
    return resident


@transaction.atomic
def agree_to_texts(*, resident: Resident, phone: str) -> bool:
    """The resident agreed to text messages on a form whose email address they confirmed (a
    panel sign-up, through the link emailed to them): the agreement is kept with its time
    (Resident.save). A number already on the record is never replaced: the agreement is
    recorded only when the typed number is that number or the record had none. Whether it was."""
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    stored = phone_number(phone) if phone else None
    if not stored or not uk_mobile(stored):
        return False
    if resident.phone and normalise_phone(resident.phone) != normalise_phone(stored):
        return False
    resident.phone = resident.phone or stored
    resident.consents_to_sms = True
    resident.save()
    return True


# ---- equality monitoring: the resident's own answers -------------------------------------------


class EqualityAnswersError(ValueError):
    """Equality answers that cannot be saved, with the field and a message to show."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def save_equality_answers(
    *, actor, resident: Resident, answers: dict[str, str], consent_given: bool
) -> EqualityProfile | None:
    """Keep the resident's answers to the equality-monitoring questions (people.equality), every
    one optional, with their consent and its purpose; the write is logged (never the answers).
    Withdrawing consent, or answering nothing, deletes what was held: None."""
    if not policies.can_give_equality_answers(actor, resident):
        raise PermissionDenied("Only the resident may give their equality answers.")
    kept: dict[str, str] = {}
    for question in equality.QUESTIONS:
        value = (answers.get(question.field) or "").strip()
        if value and value not in dict(question.choices):
            raise EqualityAnswersError(question.field, _("Select an answer from the list"))
        kept[question.field] = value
    held = EqualityProfile.objects.select_for_update().filter(resident=resident).first()
    if not any(kept.values()) or not consent_given:
        if any(kept.values()) and held is None:
            raise EqualityAnswersError(
                "consent", _("To save your answers, agree to us using them to check our services")
            )
        if held is not None:
            held.delete()
            _log_equality(actor, resident, AccessKind.REMOVED, "Equality answers removed")
        return None
    kind = AccessKind.CHANGED if held else AccessKind.RECORDED
    profile, _created = EqualityProfile.objects.update_or_create(
        resident=resident,
        defaults={
            **kept,
            "consent_given": True,
            "consented_at": held.consented_at if held else timezone.now(),
            "purpose": str(equality.PURPOSE),
        },
    )
    _log_equality(actor, resident, kind, "Equality answers given by the resident")
    return profile


def _log_equality(actor, resident: Resident, kind: str, what: str) -> None:
    SensitiveAccess.objects.create(resident=resident, actor=actor, purpose=what, kind=kind)


def equality_answers_held_about(*, actor, resident: Resident, purpose: str) -> dict | None:
    """The resident's equality answers as their subject access export holds them, in words.
    Only those who make the exports may read them (people.policies), and the read is recorded
    with its purpose as every read of special-category data is (SensitiveAccess)."""
    if not policies.can_read_equality_answers(actor, resident):
        raise PermissionDenied(
            "Only information governance can read a resident's equality answers."
        )
    profile = EqualityProfile.objects.filter(resident=resident).first()
    if profile is None:
        return None
    SensitiveAccess.objects.create(
        resident=resident,
        actor=actor,
        purpose=f"{purpose}: equality answers"[:200],
        kind=AccessKind.NEED_TO_KNOW,
    )
    return {
        "answers": {
            str(question.heading): question.answer_in_words(getattr(profile, question.field))
            for question in equality.QUESTIONS
        },
        "you_consented_at": profile.consented_at,
        "why_we_hold_it": profile.purpose,
        "last_changed_at": profile.updated_at,
    }
