from django.db import migrations


class Migration(migrations.Migration):
    """The planned tavlemøde becomes the one meeting model (tavlemøder and AMG-møder)."""

    dependencies = [
        ("forkant", "0002_ratelimit_bucket"),
        ("handleplan", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Tavlemoede", new_name="Meeting"),
    ]
