"""Writes owned by the core app: board revisions and wall-screen pairing."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F

from forkant.models import AMG, User, WallScreen

# How often a polling wall screen's "last seen" is written; polls in between write nothing.
LAST_SEEN_RESOLUTION = datetime.timedelta(seconds=60)


def bump_board_revision(amg: AMG) -> None:
    """Tell the wall screens that what they show has changed (called by the board services)."""
    AMG.objects.filter(pk=amg.pk).update(board_revision=F("board_revision") + 1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue_pairing_token(screen: WallScreen, *, now: datetime.datetime) -> str:
    token = secrets.token_urlsafe(32)  # 256 bits
    screen.pairing_token_hash = hash_token(token)
    screen.pairing_expires_at = now + datetime.timedelta(
        hours=settings.WALLSCREEN_PAIRING_TTL_HOURS
    )
    return token


@transaction.atomic
def create_wall_screen(
    *, amg: AMG, name: str, created_by: User, now: datetime.datetime
) -> tuple[WallScreen, str]:
    """A new screen and its one-time pairing token (shown once, stored only as a hash)."""
    screen = WallScreen(amg=amg, name=name, created_by=created_by)
    token = _issue_pairing_token(screen, now=now)
    screen.save()
    return screen, token


@transaction.atomic
def renew_pairing_link(*, screen: WallScreen, now: datetime.datetime) -> str:
    """A fresh pairing link, e.g. after the TV was reset; the previous link stops working."""
    if screen.is_revoked:
        raise ValueError("A revoked screen cannot be paired again; create a new one.")
    token = _issue_pairing_token(screen, now=now)
    screen.save(update_fields=["pairing_token_hash", "pairing_expires_at"])
    return token


@transaction.atomic
def pair_wall_screen(*, token: str, now: datetime.datetime) -> WallScreen | None:
    """Use a pairing token once. None if it is unknown, used, expired or revoked."""
    if not token or len(token) > 100:
        return None
    screen = (
        WallScreen.objects.select_for_update()
        .filter(pairing_token_hash=hash_token(token), revoked_at__isnull=True)
        .first()
    )
    if screen is None or screen.pairing_expires_at is None or screen.pairing_expires_at < now:
        return None
    screen.pairing_token_hash = ""
    screen.pairing_expires_at = None
    screen.device_key = secrets.token_urlsafe(32)
    screen.paired_at = now
    screen.last_seen_at = now
    screen.save()
    return screen


@transaction.atomic
def rename_wall_screen(*, screen: WallScreen, name: str) -> WallScreen:
    screen.name = name
    screen.save(update_fields=["name"])
    return screen


@transaction.atomic
def revoke_wall_screen(*, screen: WallScreen, now: datetime.datetime) -> WallScreen:
    screen.revoked_at = now
    screen.pairing_token_hash = ""
    screen.pairing_expires_at = None
    screen.device_key = ""
    screen.save(
        update_fields=["revoked_at", "pairing_token_hash", "pairing_expires_at", "device_key"]
    )
    return screen


def record_wall_screen_seen(*, screen: WallScreen, now: datetime.datetime) -> None:
    """Note that the screen polled; at most one small write a minute per screen."""
    if screen.last_seen_at is None or now - screen.last_seen_at >= LAST_SEEN_RESOLUTION:
        WallScreen.objects.filter(pk=screen.pk).update(last_seen_at=now)
        screen.last_seen_at = now
