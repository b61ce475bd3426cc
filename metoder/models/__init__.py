"""Metoder's models, one module per topic; each is imported here so Django finds its models.

- `year`: the årshjul, its items, AMG-møde agendas and the members' calendar feeds
- `evaluation`: the annual evaluation (årlig arbejdsmiljødrøftelse)
- `training`: the members' training record and their reminder choices
- `instruments`: the self-assessment rounds and answers (the instruments themselves are data)
"""

from metoder.models.evaluation import *  # noqa: F403
from metoder.models.instruments import *  # noqa: F403
from metoder.models.reminders import *  # noqa: F403
from metoder.models.training import *  # noqa: F403
from metoder.models.year import *  # noqa: F403
