"""Årshjul, the annual evaluation and the group's self-assessment instruments (issues to come).

The app exists now so that the layout matches the design in docs/ARCHITECTURE.md; it has no
models or pages yet.
"""
