"""A timeline event may be redacted for retention (`redacted_at`), and deleting a case is refused
while it has events. The old trigger that refused every UPDATE goes: the audit app's triggers
(`opencex.audit.protection`) refuse every UPDATE but the redaction, every DELETE and TRUNCATE."""

import django.db.models.deletion
from django.db import migrations, models


OLD_TRIGGER = {
    "sqlite": ["DROP TRIGGER IF EXISTS cases_caseevent_append_only;"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS cases_caseevent_append_only ON cases_caseevent;",
        "DROP FUNCTION IF EXISTS cases_caseevent_refuse_update();",
    ],
}


def drop_old_trigger(apps, schema_editor):
    for statement in OLD_TRIGGER.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_attachment_opened_event'),
    ]

    operations = [
        migrations.RunPython(drop_old_trigger, migrations.RunPython.noop),
        migrations.AddField(
            model_name='caseevent',
            name='redacted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When retention removed the content.', null=True),
        ),
        migrations.AlterField(
            model_name='caseevent',
            name='case',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='cases.case'),
        ),
    ]
