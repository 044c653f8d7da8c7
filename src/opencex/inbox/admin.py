"""The email intake record in the admin: every email kept, what became of it, and why (read only:
it is evidence of what the council received and when)."""

from django.contrib import admin

from opencex.inbox.models import InboundEmail, OfficerAction
from opencex.inbox.parsing import read_email


class OfficerActionInline(admin.TabularInline):
    model = OfficerAction
    fields = ["at", "kind", "actor", "case", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InboundEmail)
class InboundEmailAdmin(admin.ModelAdmin):
    inlines = [OfficerActionInline]
    list_display = ["received_at", "mailbox", "sender", "subject", "status", "case"]
    list_filter = ["status", "mailbox"]
    search_fields = ["sender", "subject", "message_id", "case__reference"]
    date_hierarchy = "received_at"
    exclude = ["raw"]
    readonly_fields = ["text"]

    @admin.display(description="Text")
    def text(self, inbound: InboundEmail) -> str:
        return read_email(bytes(inbound.raw)).text

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
