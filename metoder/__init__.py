"""Metoder: the AMG's methods around the board and the APV, one folder per topic.

- `year`: the årshjul (AMG-møder with agendas, tavlemøder, items), its drawing, the calendar feed
- `evaluation`: the annual evaluation (årlig arbejdsmiljødrøftelse)
- `training`: the members' arbejdsmiljøuddannelse and what is due
- `reminders`: the e-mail reminders and each member's choice of them (uses `training`)
- `instruments`: the self-assessment instruments (as data) and their rounds

Each topic has its own models, queries (reads), services (writes), views, forms, urls, demo and
templates. `booklet.py` holds the booklet's lists and questions as data; `apps.py` registers
what metoder shows in the lower layers (the board, the navigation, the members page). One app label,
`metoder`, for all of them (`models.py` gathers the topics' models for Django).
"""
