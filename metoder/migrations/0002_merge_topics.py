# The topics' first migrations were written side by side; this joins them into one graph.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("metoder", "0001_evaluation"),
        ("metoder", "0001_instruments"),
        ("metoder", "0001_training"),
        ("metoder", "0001_year"),
    ]

    operations = []
