"""One payment in progress per purpose (a bill, a booking): two starts at the same moment for the
same bill cannot both pass the "already in progress" check, the database refuses the second."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("payments", "0005_refund_keys_and_bill_postings"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="payment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("created", "started", "submitted", "capturable"))),
                fields=("purpose", "purpose_id"),
                name="payment_one_in_progress_per_purpose",
            ),
        ),
    ]
