"""The demo: the workplace "Demo Kommune" (`workplace`, `manage.py demo`) and a generated
organisation of many groups for the organisation overview (`sample_organisation`)."""
