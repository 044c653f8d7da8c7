"""A file on a case, served to an officer who may see the case: always as a download, with the
type judged from its content, so nothing a resident uploaded can run in the workspace. A case or
file the officer may not see is a 404, like the case page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from opencex.cases import policies
from opencex.cases.attachments import AttachmentNotFound, open_attachment
from opencex.staff.access import staff_only


@staff_only
def case_attachment(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    case = get_object_or_404(policies.visible_cases(request.user), reference=reference)
    try:
        opened = open_attachment(actor=request.user, case=case, attachment_id=pk)
    except (AttachmentNotFound, PermissionDenied) as unseen:
        raise Http404 from unseen
    response = FileResponse(
        opened.handle,
        as_attachment=True,
        filename=opened.attachment.original_name,
        content_type=opened.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
