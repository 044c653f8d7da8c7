"""The council's standard replies: wording officers start a message to a resident from."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from opencex.replies.placeholders import UnknownPlaceholder, check_placeholders


class StandardReply(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="What officers choose it by.")
    case_kinds = models.JSONField(
        default=list,
        blank=True,
        help_text="The kinds of case it suits (CaseKind values); empty for every kind.",
    )
    body = models.TextField(
        help_text="The message, with placeholders such as {reference}, {name} and {due_date}."
    )
    is_active = models.BooleanField(default=True, help_text="Offered to officers.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "standard replies"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            check_placeholders(self.body)
        except UnknownPlaceholder as error:
            raise ValidationError({"body": str(error)}) from None

    def suits(self, case_kind: str) -> bool:
        return not self.case_kinds or case_kind in self.case_kinds
