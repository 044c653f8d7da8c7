"""Every write of the forms engine: publish a version, start a session, keep a page's answers,
save for later, come back, and send the form, which opens exactly one case.

A resident fills a form in the language of the page; the case it opens is written in English for
the staff who read it, with the resident's language kept in its answers so they can reply in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from opencex.accounts.actors import account_or_none
from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.hazards import ClockChoice, choose_clock
from opencex.cases.models import Case, Channel, EventKind
from opencex.cases.timeline import record_event
from opencex.catalogue.models import Service
from opencex.contacts.services import OFFICER_CHANNELS
from opencex.forms import answers as checks
from opencex.forms import assisted, policies
from opencex.forms.communication import COMMUNICATION_KEY, CommunicationNeeds
from opencex.forms.models import FormDefinition, FormSession, FormUpload, FormVersion
from opencex.forms.schema import validate_schema
from opencex.forms.triage import TriageResult, run_triage
from opencex.forms.uploads import AttachmentRejected, discard_upload, store_upload
from opencex.jobs.queue import enqueue
from opencex.languages import ENGLISH, current_language, in_current_language, offered_or_english
from opencex.notify import conf as notify_conf
from opencex.notify.models import Notification, NotificationChannel
from opencex.notify.rendering import render_message
from opencex.notify.tasks import send_notification
from opencex.people.models import Occupancy, Property, Relationship, Resident

CHECK_ANSWERS = "check-your-answers"
# An unsaved session lives a day from its last answer; a saved one as long as its email link.
SESSION_LIFETIME = dt.timedelta(days=1)
SAVED_LIFETIME = dt.timedelta(days=7)
_RESUME_SALT = "opencex.forms.resume"
_PLACEHOLDER = re.compile(r"{([a-z][a-z0-9_]*)}")


class FormError(Exception):
    """Something about a form session that cannot be done, in words a person can act on."""


class ResumeLinkInvalid(FormError):
    """A "come back later" link that is wrong, used already, or more than 7 days old."""


# ---- versions -------------------------------------------------------------------------------


def schema_checksum(schema: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def publish_version(*, actor, definition: FormDefinition, schema: dict[str, Any]) -> FormVersion:
    """Check `schema` fully (SchemaError lists every fault) and publish it as the next version.
    Sessions already under way keep the version they started on."""
    validate_schema(schema)
    FormDefinition.objects.select_for_update().filter(pk=definition.pk).first()
    number = (definition.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
    return FormVersion.objects.create(
        definition=definition,
        number=number,
        schema=schema,
        checksum=schema_checksum(schema),
        published_at=timezone.now(),
        created_by=account_or_none(actor),
    )


# ---- reading a session ----------------------------------------------------------------------


def pages_of(session: FormSession) -> list[dict[str, Any]]:
    return session.version.schema["pages"]


def page_by_id(session: FormSession, page_id: str) -> dict[str, Any] | None:
    return next((page for page in pages_of(session) if page["id"] == page_id), None)


def visible_pages(session: FormSession) -> list[dict[str, Any]]:
    """The pages that apply, given the answers so far (a "show_if" can hide a page)."""
    return [page for page in pages_of(session) if checks.is_shown(page, session.answers)]


def visible_questions(page: Mapping[str, Any], answers: Mapping[str, Any]) -> list[dict]:
    return [question for question in page["questions"] if checks.is_shown(question, answers)]


def next_step(session: FormSession, *, after: str | None = None, changing: bool = False) -> str:
    """Where to go after the page `after`: the next page that applies, or check your answers.
    When changing an answer, skip pages already answered, so a change that brings in a new
    question still asks it."""
    pages = visible_pages(session)
    ids = [page["id"] for page in pages]
    start = ids.index(after) + 1 if after in ids else 0
    for page_id in ids[start:]:
        if not changing or page_id not in session.pages_done:
            return page_id
    return first_unanswered_page(session) or CHECK_ANSWERS


def first_unanswered_page(session: FormSession) -> str | None:
    for page in visible_pages(session):
        if page["id"] not in session.pages_done:
            return page["id"]
    return None


def previous_page(session: FormSession, page_id: str) -> str | None:
    ids = [page["id"] for page in visible_pages(session)]
    if page_id == CHECK_ANSWERS:
        return ids[-1] if ids else None
    index = ids.index(page_id) if page_id in ids else 0
    return ids[index - 1] if index > 0 else None


@dataclass(frozen=True)
class SummaryRow:
    page_id: str
    question: dict[str, Any]
    answer: str

    @property
    def anchor(self) -> str:
        return checks.anchor_for(self.question)

    @property
    def label(self) -> str:
        """The question in the language of the page."""
        return in_current_language(self.question["label"])


def summary(session: FormSession) -> list[SummaryRow]:
    """Every question that applies, with the answer as the person will read it back."""
    return [
        SummaryRow(
            page["id"],
            question,
            checks.display_answer(question, session.answers.get(question["id"])),
        )
        for page in visible_pages(session)
        for question in visible_questions(page, session.answers)
    ]


def find_addresses(postcode: str) -> list[Property]:
    return list(Property.objects.filter(postcode=postcode).order_by("address_line_1"))


def homes_of(actor) -> list[Property]:
    """A signed-in resident's current homes (a tenant's tenancy first), offered before a search."""
    if actor is None or not actor.is_authenticated or actor.role != Role.RESIDENT:
        return []
    current = Occupancy.objects.filter(resident__user=actor, ended_on__isnull=True)
    homes = [occupancy.property for occupancy in current.select_related("property")]
    tenancy_first = sorted(homes, key=lambda home: home.pk not in _tenancies(current))
    return list(dict.fromkeys(tenancy_first))


def _tenancies(occupancies) -> set[int]:
    return {o.property_id for o in occupancies if o.relationship == Relationship.TENANT}


# ---- writing a session ----------------------------------------------------------------------


def start_session(
    *,
    actor,
    definition: FormDefinition,
    channel: str = Channel.WEB,
    resident: Resident | None = None,
    phone_line: str = "",
    place: str = "",
    is_urgent: bool = False,
) -> FormSession:
    """A fresh session on the newest version of `definition`, for `channel`.

    An officer filling the form in for someone (any channel but the web, or a named resident)
    says where the contact came in — a phone line (the general line unless they say otherwise)
    or a place — and whether it is urgent; the resident's details are filled in for the officer
    to check. Raises AssistedStartError with every problem, by field.
    """
    version = definition.current_version()
    if version is None or not definition.is_live:
        raise FormError(_("This form is not available at the moment."))
    channel = Channel(channel)
    session = FormSession(
        token=secrets.token_urlsafe(32),
        version=version,
        channel=channel,
        started_by=account_or_none(actor),
        expires_at=timezone.now() + SESSION_LIFETIME,
    )
    if channel != Channel.WEB or resident is not None:
        if not policies.can_fill_in_for_someone(actor):
            raise PermissionDenied(_("Only council staff can fill in a form for someone else."))
        session.phone_line, session.place, session.priority = assisted.contact_details(
            channel, phone_line=phone_line, place=place, is_urgent=is_urgent
        )
    if resident is not None:
        session.resident = resident
        session.answers = assisted.known_answers(version.schema, resident)
    session.save()
    return session


@dataclass
class PageResult:
    """What came of a page sent: errors by question id (with the input they point at)."""

    errors: dict[str, checks.Checked]

    @property
    def is_valid(self) -> bool:
        return not self.errors


@transaction.atomic
def save_page(
    *,
    session: FormSession,
    page_id: str,
    data: Mapping[str, Any],
    files: Mapping[str, UploadedFile] | None = None,
) -> PageResult:
    """Check and keep the answers to one page. Nothing is kept unless every answer on the page
    is right, except a file that passed its checks (so a person never has to choose it again)."""
    session = _locked(session)
    page = page_by_id(session, page_id)
    if page is None:
        raise FormError(_("There is no such page in this form."))
    errors: dict[str, checks.Checked] = {}
    values: dict[str, Any] = {}
    for question in visible_questions(page, session.answers):
        if question["type"] == "file":
            error = _save_file_answer(session, question, (files or {}).get(question["id"]))
            if error:
                errors[question["id"]] = checks.Checked(error=error)
            continue
        checked = checks.check_answer(question, data)
        if checked.error:
            errors[question["id"]] = checked
        else:
            values[question["id"]] = _keep_address_search(question, checked.value, session)
    if errors:
        session.save(update_fields=["answers", "updated_at"])
        return PageResult(errors)
    session.answers.update(values)
    if page_id not in session.pages_done:
        session.pages_done.append(page_id)
    session.expires_at = max(session.expires_at, timezone.now() + SESSION_LIFETIME)
    session.save()
    return PageResult({})


def _keep_address_search(question, value, session: FormSession):
    if question["type"] == "address" and isinstance(value, dict):
        earlier = session.answers.get(question["id"]) or {}
        if earlier.get("lookup"):
            return {**value, "lookup": earlier["lookup"]}
    return value


def _save_file_answer(session: FormSession, question, upload: UploadedFile | None) -> str:
    qid = question["id"]
    if upload is not None:
        try:
            stored = store_upload(session=session, question_id=qid, upload=upload)
        except AttachmentRejected as rejected:
            return str(rejected)
        session.answers[qid] = {"upload": stored.pk, "name": stored.original_name}
        return ""
    if checks.is_answered(session.answers.get(qid)) or not question.get("required", True):
        return ""
    return in_current_language(question.get("messages", {}).get("required")) or _("Select a file")


@transaction.atomic
def search_address(*, session: FormSession, question_id: str, postcode_text: str) -> str:
    """Remember the postcode searched for an address question; returns an error, or ""."""
    session = _locked(session)
    postcode = checks.normalise_postcode(postcode_text)
    if postcode is None:
        return _("Enter a full UK postcode, like OX1 1BX")
    earlier = session.answers.get(question_id)
    kept = earlier if isinstance(earlier, dict) else {}
    session.answers[question_id] = {**kept, "lookup": postcode}
    session.save(update_fields=["answers", "updated_at"])
    return ""


@transaction.atomic
def remove_file(*, session: FormSession, question_id: str) -> None:
    session = _locked(session)
    for upload in session.uploads.filter(question=question_id):
        discard_upload(upload)
    session.answers.pop(question_id, None)
    session.save(update_fields=["answers", "updated_at"])


def _locked(session: FormSession) -> FormSession:
    """Lock the session's row and bring the caller's object up to date with it."""
    FormSession.objects.select_for_update().filter(pk=session.pk).first()
    session.refresh_from_db()
    return session


# ---- save and come back later -----------------------------------------------------------------


@transaction.atomic
def save_for_later(*, session: FormSession, email: str) -> Notification:
    """Email a link that brings these answers back, usable once within 7 days."""
    session = _locked(session)
    if session.is_submitted:
        raise FormError(_("This form has already been sent."))
    session.saved_for_email = email
    session.resume_nonce = secrets.token_urlsafe(16)
    session.expires_at = timezone.now() + SAVED_LIFETIME
    session.save()
    token = signing.TimestampSigner(salt=_RESUME_SALT).sign(
        f"{session.token}.{session.resume_nonce}"
    )
    context = {
        "council": settings.COUNCIL_PROFILE,
        "form_title": session.version.title_in(current_language()),
        "resume_url": f"{notify_conf.site_url()}/forms/resume/{token}/",
        "expires_on": timezone.localdate(session.expires_at),
    }
    # As notify.services does for a case: render, record the message, queue it in this transaction.
    # In the language of the page they saved from (notify.language has no case to go by).
    language = offered_or_english(current_language())
    message = render_message("form_saved", NotificationChannel.EMAIL, context, language=language)
    notification = Notification.objects.create(
        language=message.language,
        channel=NotificationChannel.EMAIL,
        recipient=email,
        template="form_saved",
        subject=message.subject,
        body=message.body,
        created_by=session.started_by,
        adapter=notify_conf.adapter_name(NotificationChannel.EMAIL),
    )
    enqueue(send_notification, notification.pk)
    return notification


@transaction.atomic
def resume_session(*, token: str) -> FormSession:
    """The session a "come back later" link belongs to; the link stops working once used."""
    try:
        value = signing.TimestampSigner(salt=_RESUME_SALT).unsign(token, max_age=SAVED_LIFETIME)
    except signing.SignatureExpired:
        raise ResumeLinkInvalid(_("This link has expired. Links work for 7 days.")) from None
    except signing.BadSignature:
        raise ResumeLinkInvalid(_("This link is not right. Check it is the whole link.")) from None
    session_token, _sep, nonce = value.rpartition(".")
    session = (
        FormSession.objects.select_for_update()
        .select_related("version__definition")
        .filter(token=session_token, resume_nonce=nonce)
        .exclude(resume_nonce="")
        .first()
    )
    if session is None or session.is_submitted:
        raise ResumeLinkInvalid(
            _("This link has been used already. Save your answers again to get a new link.")
        )
    session.resume_nonce = ""
    session.expires_at = max(session.expires_at, timezone.now() + SESSION_LIFETIME)
    session.save()
    return session


# ---- sending the form -----------------------------------------------------------------------


def submission_key(session: FormSession) -> str:
    return f"form:{session.token}"


@transaction.atomic
def submit_form(
    *,
    actor,
    session: FormSession,
    channel: str,
    resident=None,
    communication: CommunicationNeeds | None = None,
) -> Case:
    """Open the case for this session, once: a second call (a double click, a resubmitted page)
    returns the same case. The files answered go with it. A form that names a triage rule
    (forms.triage) has it decide the least priority, a note for the officer and the resident's
    next steps. `resident` is who it is for when an
    officer fills the form in for someone (by default, the one the session was started for); a
    signed-in resident is found from `actor`. An officer's contact is logged with the case, with
    the phone line or place it came in on. An interpreter or accessible format asked for on the
    check your answers page (`communication`) is kept with the answers for the officer."""
    session = _locked(session)
    if session.case is not None:
        return session.case
    missing = first_unanswered_page(session)
    if missing is not None:
        raise FormError(_("Answer every question before you send the form."))
    channel = Channel(channel)
    definition = session.version.definition
    schema = session.version.schema
    resident = resident or session.resident
    if resident is None and account_or_none(actor) is not None:
        resident = getattr(actor, "resident", None)
    language = current_language()
    clock = clock_for(definition.service, session.answers, version=session.version)
    # In the resident's language: the triage's next steps are for them.
    triage = triage_for(session.version, session.answers)
    priorities = [
        p for p in (session.priority, triage.priority if triage else None) if p is not None
    ]
    with translation.override(ENGLISH):  # staff read the case in English
        rows = [row for row in summary(session) if row.answer]
        answers = [
            {"question": row.question["id"], "label": row.label, "answer": row.answer}
            for row in rows
        ]
        fields = case_fields(session)
    with ExitStack() as files:
        sent = [
            File(files.enter_context(upload.file.open("rb")), name=upload.original_name)
            for upload in _uploads_to_send(session)
        ]
        case, created = open_case(
            actor=actor,
            channel=channel,
            resident=resident,
            priority=max(priorities) if priorities else None,
            received_at=timezone.now(),
            submission_key=submission_key(session),
            answers={
                "form": definition.slug,
                "form_version": session.version.number,
                # The language the resident filled the form in: the one to reply in.
                "language": language,
                "answers": answers,
                **assisted.received_by(session),
                **(
                    {COMMUNICATION_KEY: communication.as_answer()}
                    if communication is not None and communication.is_asked_for
                    else {}
                ),
                **triage_answers(triage),
            },
            uploads=sent,
            hazard_class=clock.hazard_class,
            standard_days=clock.standard_days,
            **fields,
            **_kind_and_service(definition, schema, session.answers),
        )
    if created and channel in OFFICER_CHANNELS:
        assisted.log_case_opened(actor=actor, session=session, case=case)
    if created and triage is not None:
        record_triage(case, triage)
    for upload in session.uploads.all():
        discard_upload(upload)
    session.case = case
    session.channel = channel
    session.submitted_at = timezone.now()
    session.resume_nonce = ""
    session.save()
    return case


def triage_for(version: FormVersion, answers: Mapping[str, Any]) -> TriageResult | None:
    """The triage of these answers by the rule the form names (forms.triage), today, or None.
    The web form (`submit_form`) and the API ask here, so the same answers are triaged alike
    whichever door they came through."""
    return run_triage(
        version.schema["case"].get("triage"),
        answers,
        today=timezone.localdate(),
        service=version.definition.service,
    )


def triage_answers(triage: TriageResult | None) -> dict[str, Any]:
    """What the case keeps of its triage: the rule's record only. The resident's next steps are
    worded from it when the confirmation page or the acknowledgement is written, each in its own
    language (notify.next_steps)."""
    if triage is None:
        return {}
    return {"triage": dict(triage.record)}


def record_triage(case: Case, triage: TriageResult) -> None:
    """The triage's internal note on the new case's timeline, for the officer to read first."""
    record_event(
        case,
        EventKind.NOTE,
        None,
        triage.summary,
        body="\n".join(triage.details),
        data={"by": "system", "triage": triage.record.get("rule", "")},
    )


def clock_for(
    service: Service | None, answers: Mapping[str, Any], *, version: FormVersion | None = None
) -> ClockChoice:
    """The clock a report to `service` with these answers ({question id: value}) runs on, by the
    `case.clock_from` rules of the form they answer: `version` (the one the resident filled in)
    or else the current version of the service's live form. The web form (`submit_form`) and the
    API ask here, so the same answers choose the same hazard class whichever door they came
    through. Email intake has no answers: an officer records a hazard an email reports
    (`cases.actions.hazards.record_hazard`), counted from when the email arrived or earlier.

    No answers choose no rule (every rule asks for at least one answer: forms.schema checks), so
    an API call without answers does not read the form at all."""
    if not answers:
        return choose_clock(None, answers)
    if version is None and service is not None:
        form = FormDefinition.objects.filter(service=service, is_live=True).first()
        version = form.current_version() if form is not None else None
    rules = version.schema["case"].get("clock_from") if version is not None else None
    return choose_clock(rules, answers)


def case_fields(session: FormSession) -> dict[str, Any]:
    """The case's subject, description, contact details and property, from the answers, in the
    language of the page (submit_form asks for English)."""
    mapping = session.version.schema["case"]
    rows = {row.question["id"]: row for row in summary(session)}
    answers = session.answers

    def answer_to(field: str) -> str:
        qid = mapping.get(field)
        return rows[qid].answer if qid in rows else ""

    subject = _PLACEHOLDER.sub(
        lambda match: rows[match.group(1)].answer if match.group(1) in rows else "",
        mapping["subject"],
    )
    contact_ids = {mapping.get(key) for key in ("contact_name", "contact_email", "contact_phone")}
    described = mapping.get("description") or [qid for qid in rows if qid not in contact_ids]
    description = "\n\n".join(
        f"{rows[qid].label}\n{rows[qid].answer}"
        for qid in described
        if qid in rows and rows[qid].answer
    )
    home = None
    if mapping.get("property") in rows:
        uprn = (answers.get(mapping["property"]) or {}).get("uprn")
        home = Property.objects.filter(uprn=uprn).first() if uprn else None
    return {
        "subject": " ".join(subject.split())[:200],
        "description": description or subject,
        "contact_name": answer_to("contact_name") or _("Not given"),
        "contact_email": answer_to("contact_email"),
        "contact_phone": answer_to("contact_phone"),
        "property": home,
    }


def kind_and_service(version: FormVersion, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The case kind and service a report with these answers is filed under, by the form's
    `case.kind_from` (the tenant portal's repair journey, the JSON API and Open311 ask here, as
    `submit_form` does), so damp and mould reported through any door is on its own service."""
    return _kind_and_service(version.definition, version.schema, answers)


def _kind_and_service(definition: FormDefinition, schema, answers) -> dict[str, Any]:
    kind, service = definition.case_kind, definition.service
    kind_from = schema["case"].get("kind_from")
    # An answer the rule has no value for (a partner's answers that leave the question out)
    # keeps the form's own kind and service.
    choice = kind_from["values"].get(answers.get(kind_from["question"])) if kind_from else None
    if choice:
        kind = choice["kind"]
        if choice.get("service"):
            service = Service.objects.filter(slug=choice["service"]).first() or service
    return {"kind": kind, "service": service}


def _uploads_to_send(session: FormSession) -> list[FormUpload]:
    """The files answered on pages the resident actually went through."""
    shown = {row.question["id"] for row in summary(session) if row.question["type"] == "file"}
    return list(session.uploads.filter(question__in=shown))


def uploads_for(session: FormSession) -> dict[str, FormUpload]:
    return {upload.question: upload for upload in session.uploads.all()}
