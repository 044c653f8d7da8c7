"""The seals of the tamper-evidence chain, and the triggers that refuse to rewrite the audit tables
(the timeline, the special-category access log, the seals)."""

from django.db import migrations, models

from opencex.audit import protection


def install_triggers(apps, schema_editor):
    # Built from the models as they are now: the same code re-runs after every migrate, so that
    # a column added later is covered (see protection.install_after_migrate).
    protection.install(schema_editor.connection, protection.audit_models(apps))


def remove_triggers(apps, schema_editor):
    protection.remove(schema_editor.connection, protection.audit_models(apps))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cases", "0009_audit_redaction_and_protect"),
        ("people", "0003_sensitive_access_redaction_and_protect"),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditSeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('table', models.CharField(max_length=63)),
                ('row_id', models.BigIntegerField()),
                ('state', models.CharField(choices=[('recorded', 'As recorded'), ('redacted', 'As redacted')], max_length=8)),
                ('digest', models.CharField(max_length=64)),
                ('column_digests', models.JSONField()),
                ('link', models.CharField(max_length=64)),
                ('sealed_at', models.DateTimeField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('table', 'row_id', 'state'), name='one_seal_per_row_and_state')],
            },
        ),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
