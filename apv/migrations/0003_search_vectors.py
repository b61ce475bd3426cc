# Search: a stored, weighted Danish search vector on problems, risk assessments and incidents,
# kept current by a trigger on PostgreSQL (forkant/lib/fulltext.py); an empty column on SQLite.
# The incidents' names of people involved and who did a risk assessment are not indexed.

import django.contrib.postgres.search
from django.db import migrations

import forkant.lib.fulltext


class Migration(migrations.Migration):

    dependencies = [
        ('apv', '0002_factor_assessments_violence_guidelines_apv_availability'),
    ]

    operations = [
        migrations.AddField(
            model_name='problem',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='riskassessment',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='incident',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='problem',
            title=('title',),
            body=('description', 'cause', 'affected'),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='riskassessment',
            title=('title',),
            body=(
                'department',
                'description',
                'previous_incidents',
                'risks',
                'prevention',
                'guidelines',
                'training',
                'follow_up',
            ),
        ),
        forkant.lib.fulltext.SearchVectorTrigger(
            model_name='incident',
            title=('where',),
            body=('what', 'before', 'handling', 'kind'),
        ),
    ]
