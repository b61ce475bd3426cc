# Search: a stored, weighted Danish search vector on annual evaluations (with the answers to
# the booklet's looking-ahead questions) and on self-assessment rounds (their notes), kept
# current by a trigger on PostgreSQL (forkant/lib/fulltext.py); an empty column on SQLite.

import django.contrib.postgres.search
from django.db import migrations

import forkant.lib.fulltext


class Migration(migrations.Migration):

    dependencies = [
        ('metoder', '0003_reminder_preference_tilsyn'),
    ]

    operations = [
        migrations.AddField(
            model_name='annualevaluation',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='round',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='annualevaluation',
            title=('focus',),
            body=(
                'looking_back',
                'goals_met',
                'cooperation',
                'training',
                'expertise',
                'answers__nu',
                'answers__apv',
                'answers__aendringer',
                'answers__forbedringer',
                'answers__krav',
                'answers__andet',
            ),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='round',
            title=('about',),
            body=('notes',),
        ),
    ]
