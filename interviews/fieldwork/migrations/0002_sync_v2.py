import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def conflicts_carry_their_engagement(apps, schema_editor):
    SyncConflict = apps.get_model("fieldwork", "SyncConflict")
    for conflict in SyncConflict.objects.select_related("record").filter(engagement__isnull=True):
        conflict.engagement_id = conflict.record.engagement_id
        conflict.save(update_fields=["engagement"])


class Migration(migrations.Migration):

    dependencies = [
        ("engagements", "0005_phase4_capabilities"),
        ("fieldwork", "0001_initial"),
        ("sampling", "0001_initial"),
        ("vault", "0004_group_interviews_and_follow_up"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="syncedrecord",
            name="response",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="vault.response"
            ),
        ),
        migrations.AddField(
            model_name="syncconflict",
            name="engagement",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="engagements.engagement",
            ),
        ),
        migrations.RunPython(conflicts_carry_their_engagement, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="syncconflict",
            name="engagement",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="engagements.engagement"
            ),
        ),
        migrations.AddField(
            model_name="syncconflict",
            name="resolution",
            field=models.CharField(
                blank=True,
                choices=[
                    ("kept", "The stored version was kept"),
                    ("replaced", "The stored answers were replaced by the held ones"),
                ],
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="syncconflict",
            name="resolved_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterModelOptions(name="syncconflict", options={"ordering": ["created_at"]}),
        migrations.CreateModel(
            name="SlotProgress",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("interviews", models.PositiveIntegerField(default=0)),
                (
                    "engagement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="engagements.engagement"
                    ),
                ),
                (
                    "slot",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="progress",
                        to="sampling.interviewslot",
                    ),
                ),
            ],
        ),
    ]
