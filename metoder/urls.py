"""Metoder's pages, topic by topic (each topic's own `urls.py`), in the order they resolve."""

from metoder.evaluation import urls as evaluation
from metoder.instruments import urls as instruments
from metoder.reminders import urls as reminders
from metoder.training import urls as training
from metoder.year import urls as year

urlpatterns = [
    *training.urlpatterns,
    *reminders.urlpatterns,
    *year.urlpatterns,
    *instruments.urlpatterns,
    *evaluation.urlpatterns,
]
