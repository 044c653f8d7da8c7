"""The comment themes a council starts with; administrators change them in the admin."""

from django.db import migrations

THEMES = [
    (
        "bins-and-recycling",
        "Bins and recycling",
        ["bin", "bins", "recycling", "collection", "rubbish", "waste", "litter"],
    ),
    (
        "streets-and-parks",
        "Streets, parks and open spaces",
        ["street", "pavement", "park", "tree", "graffiti", "fly-tipping", "playground", "road"],
    ),
    (
        "housing",
        "Council homes and housing",
        ["repair", "tenant", "housing", "flat", "damp", "rent", "estate", "leaseholder"],
    ),
    (
        "website-and-online",
        "Website and online services",
        ["website", "online", "form", "page", "app", "link", "login", "search"],
    ),
    (
        "customer-service",
        "Customer service and contact",
        ["phone", "call", "waiting", "staff", "desk", "reception", "email", "reply"],
    ),
    (
        "money-and-tax",
        "Council tax, benefits and payments",
        ["council tax", "benefit", "payment", "pay", "bill", "charge", "fee"],
    ),
    (
        "planning-and-building",
        "Planning and building",
        ["planning", "application", "building", "extension", "development"],
    ),
    (
        "community-and-events",
        "Community, leisure and events",
        ["event", "leisure", "library", "community", "festival", "sport", "pool"],
    ),
    (
        "accessibility",
        "Accessibility and inclusion",
        [
            "accessible",
            "accessibility",
            "wheelchair",
            "disabled",
            "language",
            "translation",
            "easy read",
        ],
    ),
    ("other", "Something else", []),
]


def add_themes(apps, schema_editor):
    CommentTheme = apps.get_model("feedback", "CommentTheme")
    for slug, name, keywords in THEMES:
        CommentTheme.objects.get_or_create(slug=slug, defaults={"name": name, "keywords": keywords})


def remove_themes(apps, schema_editor):
    apps.get_model("feedback", "CommentTheme").objects.filter(
        slug__in=[slug for slug, _, _ in THEMES], reviews__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_compliments_and_comment_themes")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
