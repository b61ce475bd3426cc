"""A fingerprint of what a long-running wall screen has loaded (its page, script and styles).

A wall screen compares it on every poll and reloads itself when a deploy changed it, so months-old
screens pick up new code without anyone touching the TV.
"""

from __future__ import annotations

import hashlib
from functools import cache

from django.conf import settings

WALL_FILES = (
    "templates/wall_base.html",
    "handleplan/templates/handleplan/wall.html",
    "static/css/app.css",
    "static/css/wall.css",
    "static/js/wall.js",
    "static/js/wall_code.js",
    "handleplan/templates/handleplan/wall_not_paired.html",
)


@cache
def wall_release() -> str:
    digest = hashlib.sha256()
    for name in WALL_FILES:
        path = settings.BASE_DIR / name
        digest.update(path.read_bytes() if path.exists() else name.encode())
    return digest.hexdigest()[:12]
