"""The standard replies every council starts with; administrators edit them in the admin.

Words in square brackets starting "Write" or "Say" are for the officer to replace: the case
page's message form will not send a message that still holds them.
"""

from django.db import migrations

DEFAULT_REPLIES = [
    (
        "We need more information",
        [],
        "Thank you for getting in touch about {service}. To deal with your request we need some "
        "more information from you:\n\n"
        "[Write what you need to know]\n\n"
        "Please reply on your request page, or call us and quote your reference {reference}. We "
        "will carry on as soon as we hear from you.",
    ),
    (
        "We have passed this to the team",
        ["service_request", "enquiry"],
        "We have passed your request to the team who deal with {service}. They will contact you "
        "if they need anything else. We aim to finish by {due_date}.",
    ),
    (
        "Your request is complete",
        ["service_request", "enquiry"],
        "We have finished dealing with your request {reference}. If it is not sorted out, tell us "
        "on your request page and we will look at it again.",
    ),
    (
        "Sorry for the delay",
        [],
        "We are sorry that we have not yet finished dealing with your request {reference}. "
        "[Say why it is taking longer.] We now expect to finish by {due_date}. Thank you for "
        "your patience.",
    ),
    (
        "Complaint: who is looking into it",
        ["complaint"],
        "Thank you for your complaint. {officer} is looking into it and we will send you our full "
        "response by {due_date}. If we have misunderstood what you are unhappy about, or there is "
        "something else we should know, please tell us on your request page.",
    ),
    (
        "Information request: please clarify",
        ["foi", "eir"],
        "Thank you for your request for information. So that we can find the information you "
        "want, please tell us:\n\n"
        "[Write what needs to be made clearer]\n\n"
        "The 20 working days we have to answer start again on the day we receive your reply.",
    ),
    (
        "Subject access: proof of identity",
        ["sar"],
        "To protect your personal information, we need proof of who you are before we can deal "
        "with your request {reference}. Please send us a copy of your passport, driving licence "
        "or a recent utility bill in your name. The one month we have to answer starts on the "
        "day we receive it.",
    ),
]


def add_default_replies(apps, schema_editor):
    StandardReply = apps.get_model("replies", "StandardReply")
    for name, case_kinds, body in DEFAULT_REPLIES:
        StandardReply.objects.get_or_create(
            name=name, defaults={"case_kinds": case_kinds, "body": body}
        )


def remove_default_replies(apps, schema_editor):
    StandardReply = apps.get_model("replies", "StandardReply")
    StandardReply.objects.filter(name__in=[name for name, _, _ in DEFAULT_REPLIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("replies", "0001_standard_replies")]

    operations = [migrations.RunPython(add_default_replies, remove_default_replies)]
