"""Django finds an app's models in `<app>.models`; metoder's live in its topics' folders, each
topic's `models.py`, and are imported here only for that. Code imports them from their topic."""

from metoder.evaluation.models import *  # noqa: F403
from metoder.instruments.models import *  # noqa: F403
from metoder.reminders.models import *  # noqa: F403
from metoder.training.models import *  # noqa: F403
from metoder.year.models import *  # noqa: F403
