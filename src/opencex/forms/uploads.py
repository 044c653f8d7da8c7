"""Files given in answer to a question: checked the moment they arrive, with the same rules as a
case attachment (cases.attachments), and kept privately until the form is sent."""

from __future__ import annotations

import secrets

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from opencex.cases.attachments import AttachmentRejected, check_upload, safe_display_name
from opencex.forms.models import FormSession, FormUpload

__all__ = ["AttachmentRejected", "check_upload", "store_upload"]


@transaction.atomic
def store_upload(*, session: FormSession, question_id: str, upload: UploadedFile) -> FormUpload:
    """Check and keep `upload` as the answer to `question_id`, replacing any earlier file."""
    kind = check_upload(upload)
    for earlier in session.uploads.filter(question=question_id):
        discard_upload(earlier)
    display_name = safe_display_name(upload.name or "", kind.extension)
    upload.name = f"{secrets.token_hex(16)}.{kind.extension}"
    return FormUpload.objects.create(
        session=session,
        question=question_id,
        file=upload,
        original_name=display_name,
        content_type=kind.content_type,
        size=upload.size,
    )


def discard_upload(upload: FormUpload) -> None:
    """Delete the row now and the file once that is committed (a rollback keeps both)."""
    storage, name = upload.file.storage, upload.file.name
    upload.delete()
    transaction.on_commit(lambda: storage.delete(name))
