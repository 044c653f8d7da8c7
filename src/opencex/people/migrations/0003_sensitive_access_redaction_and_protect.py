"""A read of special-category data may be redacted for retention; deleting the resident is refused
while reads of their data are recorded."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0002_resident_search_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='sensitiveaccess',
            name='redacted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When retention removed the content.', null=True),
        ),
        migrations.AlterField(
            model_name='sensitiveaccess',
            name='resident',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.resident'),
        ),
    ]
