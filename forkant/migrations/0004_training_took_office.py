# Issue 8 (training record): when a member took office in the arbejdsmiljøorganisation.
#
# Existing memberships get the day their invitation was accepted where there is one (the best
# record of when they joined); the others stay empty ("not known"), because guessing today would
# start a false three-month clock. New memberships default to the day they are created.

import django.utils.timezone
from django.db import migrations, models


def backfill(apps, schema_editor):
    Membership = apps.get_model("forkant", "Membership")
    Invitation = apps.get_model("forkant", "Invitation")
    accepted = Invitation.objects.filter(
        accepted_at__isnull=False, accepted_by__isnull=False, amg__isnull=False
    ).order_by("accepted_at")
    first: dict[tuple[int, int], object] = {}
    for invitation in accepted.only("amg_id", "accepted_by_id", "accepted_at"):
        key = (invitation.amg_id, invitation.accepted_by_id)
        first.setdefault(key, django.utils.timezone.localdate(invitation.accepted_at))
    for membership in Membership.objects.all().only("pk", "amg_id", "user_id"):
        day = first.get((membership.amg_id, membership.user_id))
        if day is not None:
            Membership.objects.filter(pk=membership.pk).update(took_office=day)


class Migration(migrations.Migration):

    dependencies = [
        ('forkant', '0003_organisation_administration_and_accounts'),
    ]

    operations = [
        migrations.AddField(
            model_name='membership',
            name='took_office',
            field=models.DateField(blank=True, null=True, verbose_name='tiltrådt'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='membership',
            name='took_office',
            field=models.DateField(blank=True, default=django.utils.timezone.localdate, null=True, verbose_name='tiltrådt'),
        ),
    ]
