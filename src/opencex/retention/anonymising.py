"""Removing a case's or a resident's personal details while keeping the rows.

A case is never deleted: its reference, kind, service, team, dates, status and outcome stay for the
statistics (the reports, the complaint and information-rights returns). What a person told us or
that identifies them goes: the words, the answers, the contact details, the link to their resident
record and address, the files, the messages sent about it. The timeline and the special-category
access log are redacted through their own `redact()`, the one change the audit allows.

Both functions expect to run inside the caller's transaction, with the row locked; files are
deleted from storage only once that transaction commits (a rollback keeps them).

What other apps hold about a case or a resident is blanked here too: the domain apps below
retention (bookings, payments, housing) by direct calls; an interface app, which retention may not
import (Open311's GeoReport request), registers its own anonymiser with `register_case_anonymiser`
from its AppConfig.ready(), and `anonymise_case` calls it in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models, transaction
from django.utils import timezone

from opencex.accounts.models import SignInLink
from opencex.audit.records import REMOVED_UNDER_RETENTION
from opencex.bookings.records import forget_booking_details
from opencex.cases.models import Case, CaseEvent, ClockPause
from opencex.complaints.models import StageResponse
from opencex.contacts.models import Contact
from opencex.feedback.models import Rating, Recognition
from opencex.forms.models import FormSession, FormUpload
from opencex.housing.models import Repair, TenancyMember
from opencex.inbox.models import InboundEmail
from opencex.inforights.models import InformationRequest
from opencex.notify.models import Notification
from opencex.panels.services import forget_panel_memberships
from opencex.payments.models import Payment, PaymentEvent, Refund, TestProviderSession
from opencex.people.models import Resident, SensitiveAccess
from opencex.people.services import forget_sensitive_information
from opencex.retention.models import AnonymisedCase, AnonymisedResident, Erasure
from opencex.surveys.services import forget_resident as forget_survey_invitations

ANONYMISED_NAME = "Anonymised resident"

CaseAnonymiser = Callable[[Case], object]
_case_anonymisers: list[CaseAnonymiser] = []


def register_case_anonymiser(anonymiser: CaseAnonymiser) -> None:
    """Have `anonymise_case` call `anonymiser(case)` in its transaction, for an app that keeps
    personal details about a case and that retention may not import (an interface app). Called
    from the app's AppConfig.ready(); registering the same function again changes nothing."""
    if anonymiser not in _case_anonymisers:
        _case_anonymisers.append(anonymiser)


def delete_files_on_commit(files) -> None:
    """Delete stored files (FieldFiles) once the transaction that dropped their rows commits."""
    names = [(file.storage, file.name) for file in files if file]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


def anonymise_case(case: Case, *, because: str, erasure: Erasure | None = None) -> None:
    """Remove the personal details of `case` (locked by the caller) and everything about it."""
    attachments = list(case.attachments.all())
    delete_files_on_commit(attachment.file for attachment in attachments)
    case.attachments.all().delete()
    Notification.objects.filter(case=case).delete()
    remove_raw_emails(InboundEmail.objects.filter(case=case))
    CaseEvent.objects.filter(case=case).redact()
    delete_form_sessions(FormSession.objects.filter(case=case))
    ClockPause.objects.filter(case=case).update(note="")
    Contact.objects.filter(case=case).update(note="", resident=None)
    Rating.objects.filter(case=case).update(comment="")
    Recognition.objects.filter(case=case).update(words="")
    StageResponse.objects.filter(complaint__case=case).update(
        complaint_as_understood="",
        decision_and_reasons="",
        remedy_action="",
        still_to_do="",
        letter="",
    )
    InformationRequest.objects.filter(case=case).update(
        reasons="", identity_evidence="", extension_reason="", flag_reason=""
    )
    # A repair reported in the tenant portal repeats the tenant's words; where, what and the
    # priority stay with the tenancy until the housing system's copy goes.
    Repair.objects.filter(case=case).update(description="")
    for anonymiser in _case_anonymisers:
        anonymiser(case)
    case.subject = REMOVED_UNDER_RETENTION
    case.description = ""
    case.answers = {}
    case.contact_name = ""
    case.contact_email = ""
    case.contact_phone = ""
    case.resident = None
    case.property = None
    case.expected_on_revised_reason = ""
    case.further_work_delay_reason = ""
    case.submission_key = None
    case.submission_fingerprint = ""
    case.save()
    AnonymisedCase.objects.create(case=case, at=timezone.now(), because=because, erasure=erasure)


def anonymise_resident(resident: Resident, *, because: str, erasure: Erasure | None = None) -> None:
    """Remove the personal details of `resident` (locked by the caller): their special-category
    data, addresses, messages, unfinished forms, sign-in links and account; the access log of
    their special-category data is redacted, not deleted."""
    email = resident.email.strip()
    forget_sensitive_information(resident)
    forget_panel_memberships(resident)  # off every panel, their answers deleted (opencex.panels)
    forget_survey_invitations(resident)  # no strata, unsent answers or link kept (opencex.surveys)
    SensitiveAccess.objects.filter(resident=resident).redact()
    resident.occupancies.all().delete()
    Notification.objects.filter(resident=resident).delete()
    Contact.objects.filter(resident=resident).update(note="", resident=None)
    forget_booking_details(resident)
    # Only ended tenancies are left (a current tenant is never anonymised): the link to the
    # housing system's person goes; the tenancy stays until its own period ends.
    TenancyMember.objects.filter(resident=resident).delete()
    sessions = FormSession.objects.filter(resident=resident)
    if email:
        sessions = sessions | FormSession.objects.filter(saved_for_email__iexact=email)
        SignInLink.objects.filter(email__iexact=email).delete()
    delete_form_sessions(sessions)
    if (account := resident.user) is not None:
        account.email = f"anonymised-{account.pk}@invalid.invalid"
        account.full_name = ""
        account.is_active = False
        account.set_unusable_password()
        account.save()
    resident.user = None
    resident.full_name = ANONYMISED_NAME
    resident.email = ""
    resident.phone = ""
    resident.date_of_birth = None
    resident.accessibility_needs = ""
    resident.needs_interpreter = False
    resident.interpreter_language = ""
    resident.accessible_format = ""
    resident.sms_consent_at = None
    resident.consents_to_email = False
    resident.consents_to_sms = False
    resident.consents_to_research = False
    resident.is_priority = False
    resident.save()
    AnonymisedResident.objects.create(
        resident=resident, at=timezone.now(), because=because, erasure=erasure
    )


def remove_raw_emails(emails) -> int:
    """Remove the raw message and what identifies its sender, keeping the record: its Message-ID
    still matches a later reply in the thread to its case, and stops a copy fetched again from
    opening a second case."""
    return emails.exclude(raw=b"").update(
        raw=b"", sender="", envelope_sender="", subject="", error=""
    )


def delete_form_sessions(sessions) -> int:
    """Delete form sessions (the answers a person gave while filling a form in) and their uploads,
    the files once the deletion commits."""
    uploads = FormUpload.objects.filter(session__in=sessions)
    delete_files_on_commit(upload.file for upload in uploads)
    uploads.delete()
    _, deleted = FormSession.objects.filter(pk__in=sessions.values("pk")).delete()
    return deleted.get("forms.FormSession", 0)


def payments_with_personal_details() -> models.QuerySet[Payment]:
    """Payments that still hold something about the payer: their email, the link to their
    record, the card's last digits, a refund's reason, or an audit entry not yet redacted."""
    return Payment.objects.filter(
        ~models.Q(email="")
        | models.Q(resident__isnull=False)
        | ~models.Q(card_last_digits="")
        | models.Exists(
            PaymentEvent.objects.filter(payment=models.OuterRef("pk"), redacted_at__isnull=True)
        )
        | models.Exists(Refund.objects.filter(payment=models.OuterRef("pk")).exclude(reason=""))
    )


def anonymise_payments(payments: models.QuerySet[Payment]) -> int:
    """Blank what identifies the payer of `payments`, keeping what the accounts need: the
    reference, amount, refunds' amounts, dates, purpose and its reference, status and channel.
    Their audit trail is redacted, never deleted; the test provider's copy is blanked too."""
    ids = list(payments.values_list("pk", flat=True))
    PaymentEvent.objects.filter(payment__in=ids).redact()
    Refund.objects.filter(payment__in=ids).exclude(reason="").update(reason="")
    provider_ids = Payment.objects.filter(pk__in=ids).values("provider_payment_id")
    TestProviderSession.objects.filter(pk__in=provider_ids).update(email="", card_last_digits="")
    return Payment.objects.filter(pk__in=ids).update(
        email="", resident=None, card_last_digits="", next_url=""
    )
