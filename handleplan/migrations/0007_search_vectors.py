# Search: a stored, weighted Danish search vector on cards, ideas and meetings (referater),
# kept current by a trigger on PostgreSQL (forkant/lib/fulltext.py); an empty column on SQLite.

import django.contrib.postgres.search
from django.db import migrations

import forkant.lib.fulltext


class Migration(migrations.Migration):

    dependencies = [
        ('handleplan', '0006_history_follow_up'),
    ]

    operations = [
        migrations.AddField(
            model_name='action',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='idea',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='meeting',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='action',
            title=('title',),
            body=('why', 'how', 'others', 'follow_up_how'),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='idea',
            title=('text',),
            body=('decline_reason',),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='meeting',
            title=('decisions',),
            body=('referat', 'notes'),
        ),
    ]
