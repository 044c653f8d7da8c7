"""Files attached to a case: type judged from the content, size limited, stored privately under
a random name so nothing a resident uploads can choose where it lands or how it is served; listed
and opened by staff who may see the case, each opening recorded on the timeline."""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet

from opencex.accounts.actors import account_or_none
from opencex.cases import policies
from opencex.cases.models import Attachment, Case, EventKind
from opencex.cases.timeline import record_event

MAX_BYTES = 10 * 1024 * 1024
_SNIFF_BYTES = 16


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    label: str


# Magic numbers of the types residents and officers send: photos, scans and documents.
_SIGNATURES: tuple[tuple[bytes, int, FileKind], ...] = (
    (b"\xff\xd8\xff", 0, FileKind("image/jpeg", "jpg", "JPEG photo")),
    (b"\x89PNG\r\n\x1a\n", 0, FileKind("image/png", "png", "PNG image")),
    (b"GIF87a", 0, FileKind("image/gif", "gif", "GIF image")),
    (b"GIF89a", 0, FileKind("image/gif", "gif", "GIF image")),
    (b"%PDF-", 0, FileKind("application/pdf", "pdf", "PDF document")),
    (b"ftypheic", 4, FileKind("image/heic", "heic", "HEIC photo")),
    (b"ftypmif1", 4, FileKind("image/heic", "heic", "HEIC photo")),
)
ALLOWED_DESCRIPTION = "a JPG, PNG, GIF or HEIC photo, or a PDF"


class AttachmentRejected(ValueError):
    """An upload we will not store, with a message that tells the person what to send instead."""


def detect_kind(head: bytes) -> FileKind | None:
    """The kind of file these first bytes belong to, whatever its name says."""
    for signature, offset, kind in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind("image/webp", "webp", "WebP image")
    return None


def safe_display_name(name: str, extension: str) -> str:
    """A name fit to show back: no folders, no control characters, the true extension."""
    stem = PurePath(name.replace("\\", "/")).stem
    stem = unicodedata.normalize("NFKC", stem)
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in " -_()").strip()[:80]
    return f"{stem or 'attachment'}.{extension}"


def check_upload(upload: File) -> FileKind:
    """The file's true kind, or AttachmentRejected saying what to send instead."""
    if not upload.size:
        raise AttachmentRejected("The selected file is empty.")
    if upload.size > MAX_BYTES:
        raise AttachmentRejected("The selected file must be smaller than 10MB.")
    upload.seek(0)
    kind = detect_kind(upload.read(_SNIFF_BYTES))
    upload.seek(0)
    if kind is None:
        raise AttachmentRejected(f"The selected file must be {ALLOWED_DESCRIPTION}.")
    return kind


@transaction.atomic
def add_attachment(
    *, actor, case: Case, upload: UploadedFile, visible_to_resident: bool = True, grant=None
) -> Attachment:
    """Someone who may act on the case adds a file to it."""
    allowed = policies.can_act_as_resident_on(actor, case, grant) or policies.can_add_note(
        actor, case
    )
    if not allowed:
        raise PermissionDenied("You cannot add files to this case.")
    return store_attachment(
        actor=actor, case=case, upload=upload, visible_to_resident=visible_to_resident
    )


def store_attachment(
    *, actor, case: Case, upload: File, visible_to_resident: bool = True
) -> Attachment:
    """Check and store a file on `case` with its timeline event. The caller has decided the
    actor may: `add_attachment`, or `open_case` for the files sent with a new request."""
    kind = check_upload(upload)
    display_name = safe_display_name(upload.name or "", kind.extension)
    upload.name = f"{secrets.token_hex(16)}.{kind.extension}"
    attachment = Attachment.objects.create(
        case=case,
        file=upload,
        original_name=display_name,
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=account_or_none(actor),
        is_visible_to_resident=visible_to_resident,
    )
    record_event(
        case,
        EventKind.ATTACHMENT_ADDED,
        actor,
        f"File added: {attachment.original_name}",
        visible=visible_to_resident,
        data={"attachment": attachment.pk, "content_type": kind.content_type},
    )
    return attachment


def attachments_for(case: Case) -> QuerySet[Attachment]:
    """The files on `case`, oldest first, as the case page lists them."""
    return case.attachments.select_related("uploaded_by").order_by("uploaded_at", "pk")


@dataclass(frozen=True)
class OpenedAttachment:
    """A file ready to send: its handle, the name to save it as and its type judged again from
    its content (never from what the uploader or the database row claims)."""

    attachment: Attachment
    handle: BinaryIO
    content_type: str


class AttachmentNotFound(LookupError):
    """No such file on this case, or its content has gone from storage."""


@transaction.atomic
def open_attachment(*, actor, case: Case, attachment_id: int) -> OpenedAttachment:
    """An officer opens a file on a case they may see; the opening is recorded (internal) on the
    case's timeline, so a subject access request's proof of identity has an audit of who read it."""
    if not policies.can_open_attachments(actor, case):
        raise PermissionDenied("You cannot open the files on this case.")
    attachment = case.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise AttachmentNotFound(attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise AttachmentNotFound(attachment_id) from missing
    kind = detect_kind(handle.read(_SNIFF_BYTES))
    handle.seek(0)
    record_event(
        case,
        EventKind.ATTACHMENT_OPENED,
        actor,
        f"File opened: {attachment.original_name}",
        data={"attachment": attachment.pk},
    )
    return OpenedAttachment(
        attachment=attachment,
        handle=handle,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
