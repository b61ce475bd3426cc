from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from forkant.extensions import NavEntry, NavLink, nav_links
from forkant.lib import hyphenation

register = template.Library()


@register.filter
def ago(moment: datetime.datetime | None, now: datetime.datetime | None = None) -> str:
    """“lige nu” within the last minute, else “for 5 minutter siden”; “aldrig” for None."""
    if moment is None:
        return _("aldrig")
    now = now or timezone.now()
    if now - moment < datetime.timedelta(minutes=1):
        return _("lige nu")
    return _("for %(since)s siden") % {"since": timesince(moment, now, depth=1)}


@register.filter
def hyphenate(text: object) -> str:
    """Soft hyphens in the long Danish words of a title or theme name, for narrow columns
    (forkant/lib/hyphenation.py). Never on people's names. The result is escaped as usual."""
    return hyphenation.hyphenate(str(text))


@register.simple_tag
def amg_nav_links(entries: list[NavEntry], amg_id: int, path: str) -> list[NavLink]:
    """The AMG navigation's links for the page's AMG (base.html)."""
    return nav_links(entries, amg_id, path)
