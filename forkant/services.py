"""Writes owned by the core app: board revisions, wall-screen pairing, organisation
administration (AMGs, invitations, members) and accounts."""

from __future__ import annotations

import datetime
import enum
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from forkant import revisions
from forkant.models import (
    AMG,
    Invitation,
    Membership,
    Organisation,
    OrganisationAdmin,
    Role,
    ScreenPairingCode,
    User,
    WallScreen,
)

# How often a polling wall screen's "last seen" is written; polls in between write nothing.
LAST_SEEN_RESOLUTION = datetime.timedelta(seconds=60)


def lock_amg(amg_id: int) -> None:
    """Lock the AMG's row until the transaction ends: the one lock that puts writes about the
    whole group in a line (a meeting started, a year generated, a pulse opened, a bundle asked
    for) and that every board write takes first, so two writes never wait for each other the
    other way round."""
    AMG.objects.select_for_update().filter(pk=amg_id).first()


def bump_board_revision(amg: AMG) -> None:
    """Tell the wall screens and the members' boards that what they show has changed (called by
    the board services); every app server's next poll sees it (forkant/revisions.py)."""
    revisions.bump(amg.pk)


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
    return _pair(screen, now=now)


def _pair(screen: WallScreen, *, now: datetime.datetime) -> WallScreen:
    """A fresh device key: this browser's cookie works from now on, any earlier one not."""
    screen.pairing_token_hash = ""
    screen.pairing_expires_at = None
    screen.device_key = secrets.token_urlsafe(32)
    screen.paired_at = now
    screen.last_seen_at = now
    screen.save()
    revisions.forget_screen(screen.pk)
    return screen


# Pairing by a short code: the TV shows it, a member types it into the app ----------------------

# Read off a TV from across the room and typed on a phone: no 0/O, 1/I/L.
PAIRING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PAIRING_CODE_LENGTH = 6


def normalise_pairing_code(code: str) -> str:
    """What a member typed, as the code is stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())[:20]


def pairing_code_hash(code: str) -> str:
    """Keyed with SECRET_KEY: the short code cannot be found from a copy of the database."""
    message = normalise_pairing_code(code).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def start_code_pairing(*, now: datetime.datetime) -> tuple[ScreenPairingCode, str, str]:
    """A new code for an unpaired TV, and the secret its cookie claims the pairing with."""
    ScreenPairingCode.objects.filter(expires_at__lt=now - datetime.timedelta(hours=1)).delete()
    claim = secrets.token_urlsafe(32)
    for _attempt in range(10):
        code = "".join(secrets.choice(PAIRING_CODE_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))
        if not ScreenPairingCode.objects.filter(code_hash=pairing_code_hash(code)).exists():
            break
    pairing = ScreenPairingCode.objects.create(
        code_hash=pairing_code_hash(code),
        claim_hash=hash_token(claim),
        created_at=now,
        expires_at=now + datetime.timedelta(minutes=settings.WALLSCREEN_CODE_MINUTES),
    )
    return pairing, code, claim


@transaction.atomic
def enter_pairing_code(
    *,
    amg: AMG,
    code: str,
    now: datetime.datetime,
    created_by: User,
    name: str = "",
    screen: WallScreen | None = None,
) -> WallScreen | None:
    """A member typed the TV's code: the TV becomes `screen` (paired again) or a new screen
    called `name`, as soon as it next asks. None when the code is unknown, used or expired."""
    pairing = (
        ScreenPairingCode.objects.select_for_update()
        .filter(code_hash=pairing_code_hash(code), screen__isnull=True, expires_at__gte=now)
        .first()
    )
    if pairing is None:
        return None
    if screen is None:
        screen = WallScreen.objects.create(amg=amg, name=name, created_by=created_by)
    elif screen.amg_id != amg.pk or screen.is_revoked:
        raise ValueError("Only a current screen of this AMG can be paired again.")
    pairing.screen = screen
    pairing.entered_at = now
    pairing.save(update_fields=["screen", "entered_at"])
    return screen


class CodePairing(enum.Enum):
    WAITING = "waiting"  # nobody has entered the code yet
    GONE = "gone"  # unknown, expired or used: the TV gets a new code


@transaction.atomic
def claim_code_pairing(
    *, pairing_id: int, claim: str, now: datetime.datetime
) -> WallScreen | CodePairing:
    """The TV asks whether its code was entered; if so it is paired now, and the code is gone."""
    pairing = (
        ScreenPairingCode.objects.select_for_update(of=("self",))  # not the (outer-joined) screen
        .select_related("screen")
        .filter(pk=pairing_id)
        .first()
    )
    if pairing is None or not secrets.compare_digest(pairing.claim_hash, hash_token(claim)):
        return CodePairing.GONE
    if pairing.screen is None:
        return CodePairing.WAITING if pairing.expires_at >= now else CodePairing.GONE
    screen = pairing.screen
    pairing.delete()
    if screen.is_revoked:
        return CodePairing.GONE
    return _pair(screen, now=now)


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
    revisions.forget_screen(screen.pk)
    return screen


def record_wall_screen_seen(*, screen: WallScreen, now: datetime.datetime) -> None:
    """Note that the screen polled; at most one small write a minute per screen."""
    if screen.last_seen_at is None or now - screen.last_seen_at >= LAST_SEEN_RESOLUTION:
        WallScreen.objects.filter(pk=screen.pk).update(last_seen_at=now)
        screen.last_seen_at = now
        revisions.mark_seen(screen.pk, seconds=LAST_SEEN_RESOLUTION.total_seconds())
    else:  # the polls answered from the cache write it when this minute is over
        left = LAST_SEEN_RESOLUTION - (now - screen.last_seen_at)
        revisions.mark_seen(screen.pk, seconds=left.total_seconds())


def record_wall_screen_seen_by_id(*, screen_id: int, now: datetime.datetime) -> None:
    """The same, for a poll answered from the cache (forkant/revisions.py says when: at most
    once a minute per screen)."""
    WallScreen.objects.filter(pk=screen_id).update(last_seen_at=now)


# Organisation administration -----------------------------------------------------------------

INVITATION_TTL = datetime.timedelta(days=7)


class AlreadyMemberError(Exception):
    """The invited address already belongs to a current member of the AMG."""


@transaction.atomic
def create_organisation(*, name: str) -> Organisation:
    return Organisation.objects.create(name=name)


@transaction.atomic
def set_two_factor_requirement(*, organisation: Organisation, required: bool) -> None:
    organisation.require_two_factor = required
    organisation.save(update_fields=["require_two_factor"])


@transaction.atomic
def create_amg(*, organisation: Organisation, name: str) -> AMG:
    return AMG.objects.create(organisation=organisation, name=name)


@transaction.atomic
def rename_amg(*, amg: AMG, name: str) -> AMG:
    amg.name = name
    amg.save(update_fields=["name"])
    return amg


@transaction.atomic
def set_amg_details(*, amg: AMG, name: str, address: str, p_number: str) -> AMG:
    """The AMG's name, and its workplace's address and P-nummer (10 ASCII digits or empty)."""
    amg.name, amg.address, amg.p_number = name, address, p_number
    amg.full_clean(exclude=["organisation", "board_revision", "archived_at"], validate_unique=False)
    amg.save(update_fields=["name", "address", "p_number"])
    return amg


@transaction.atomic
def set_organisation_details(*, organisation: Organisation, cvr: str, address: str) -> Organisation:
    """The organisation's CVR-nummer (8 ASCII digits or empty) and address."""
    organisation.cvr, organisation.address = cvr, address
    organisation.full_clean(exclude=["name", "require_two_factor"], validate_unique=False)
    organisation.save(update_fields=["cvr", "address"])
    return organisation


@transaction.atomic
def set_amg_archived(*, amg: AMG, archived: bool, now: datetime.datetime) -> AMG:
    """Archive (read-only, off the dashboards, never deleted) or bring back an AMG."""
    amg.archived_at = now if archived else None
    amg.save(update_fields=["archived_at"])
    if archived:
        # Nobody can accept an invitation to a group that is closed.
        Invitation.objects.filter(amg=amg, accepted_at=None, revoked_at=None).update(revoked_at=now)
    return amg


def _issue_invitation_token(invitation: Invitation, *, now: datetime.datetime) -> str:
    token = secrets.token_urlsafe(32)  # 256 bits
    invitation.token_hash = hash_token(token)
    invitation.expires_at = now + INVITATION_TTL
    invitation.sent_at = now
    return token


@transaction.atomic
def invite(
    *,
    organisation: Organisation,
    amg: AMG | None,
    email: str,
    role: str = "",
    read_only: bool = False,
    invited_by: User | None,
    now: datetime.datetime,
) -> tuple[Invitation, str]:
    """A new invitation and its token (only in the e-mail; stored as a hash).

    `amg=None` invites the organisation's admin. An earlier pending invitation of the same
    address to the same place is revoked, so only the newest link works."""
    email = email.strip().lower()
    if amg is not None and Membership.objects.filter(amg=amg, user__email__iexact=email).exists():
        raise AlreadyMemberError(email)
    Invitation.objects.filter(
        organisation=organisation, amg=amg, email=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    invitation = Invitation(
        organisation=organisation,
        amg=amg,
        email=email,
        role=role if amg is not None else "",
        read_only=read_only if amg is not None else False,
        invited_by=invited_by,
        created_at=now,
    )
    token = _issue_invitation_token(invitation, now=now)
    invitation.save()
    return invitation, token


@transaction.atomic
def resend_invitation(*, invitation: Invitation, now: datetime.datetime) -> str:
    """A fresh link for 7 more days; the previous link stops working."""
    if not invitation.is_pending:
        raise ValueError("Only a pending invitation can be sent again.")
    token = _issue_invitation_token(invitation, now=now)
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
    return token


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, now: datetime.datetime) -> None:
    invitation.revoked_at = now
    invitation.save(update_fields=["revoked_at"])


def find_invitation(*, token: str, now: datetime.datetime) -> Invitation | None:
    """The pending, unexpired invitation of a token, or None (unknown, used, revoked, expired)."""
    if not token or len(token) > 100:
        return None
    invitation = (
        Invitation.objects.select_related("organisation", "amg")
        .filter(token_hash=hash_token(token), accepted_at=None, revoked_at=None)
        .first()
    )
    if invitation is None or invitation.expires_at <= now:
        return None
    if invitation.amg is not None and invitation.amg.is_archived:
        return None
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user: User, now: datetime.datetime) -> Invitation | None:
    """Use the invitation once for `user` (whose e-mail must be the invited one).

    None when the link is no longer valid. Locks the row, so two tabs cannot both use it."""
    found = find_invitation(token=token, now=now)
    if found is None or found.email.lower() != user.email.lower():
        return None
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if not invitation.is_pending:
        return None
    if invitation.amg_id is None:
        OrganisationAdmin.objects.get_or_create(
            organisation_id=invitation.organisation_id, user=user
        )
    else:
        membership = Membership.all_objects.filter(amg_id=invitation.amg_id, user=user).first()
        if membership is None:
            Membership.objects.create(
                amg_id=invitation.amg_id,
                user=user,
                role=invitation.role or Role.ANDET,
                read_only=invitation.read_only,
            )
        elif membership.removed_at is not None:
            # Someone who was removed and is invited back gets the new role.
            membership.role = invitation.role or Role.ANDET
            membership.read_only = invitation.read_only
            membership.removed_at = None
            membership.save(update_fields=["role", "read_only", "removed_at"])
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation


@transaction.atomic
def create_account_from_invitation(
    *, token: str, first_name: str, last_name: str, password: str, now: datetime.datetime
) -> User | None:
    """The invitee has no account: make one with the invited address and accept."""
    found = find_invitation(token=token, now=now)
    if found is None or User.objects.filter(email__iexact=found.email).exists():
        return None
    user = User.objects.create_user(
        email=found.email, password=password, first_name=first_name, last_name=last_name
    )
    if accept_invitation(token=token, user=user, now=now) is None:
        transaction.set_rollback(True)
        return None
    return user


@transaction.atomic
def change_membership(*, membership: Membership, role: str, read_only: bool) -> Membership:
    membership.role = role
    membership.read_only = read_only
    membership.save(update_fields=["role", "read_only"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, now: datetime.datetime) -> None:
    """Access ends at once; the row stays so the member's name stays on what they did."""
    membership.removed_at = now
    membership.save(update_fields=["removed_at"])


# Accounts ------------------------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10


@transaction.atomic
def update_profile(*, user: User, first_name: str, last_name: str, email: str) -> User:
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.save(update_fields=["first_name", "last_name", "email"])
    _names_shown_changed(user)
    return user


def _names_shown_changed(user: User) -> None:
    """The boards of the user's AMGs show their name (who moves a card): tell them, as any board
    write does, so cached boards and the wall screens are rendered again."""
    amg_ids = list(AMG.objects.filter(memberships__user=user).values_list("pk", flat=True))
    AMG.objects.filter(pk__in=amg_ids).update(board_revision=F("board_revision") + 1)
    revisions.forget_revisions(amg_ids)


@transaction.atomic
def end_all_sessions(*, user: User) -> None:
    """Every session of the user stops being valid at its next request."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


@transaction.atomic
def enable_two_factor(*, user: User, key: str, last_t: int) -> tuple[TOTPDevice, list[str]]:
    """A confirmed TOTP device and a fresh set of one-time recovery codes.

    `last_t` is the time step of the code that confirmed the device. That code proved the app
    has the secret, inside a session that had already logged in; it logged nobody in. So the
    device's replay rule starts just before it: someone who logs in on another device right
    after enrolling may type the code the app still shows – once. From the first login on, a
    code is never accepted twice."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user, name="Authenticator", key=key, confirmed=True, last_t=last_t - 1
    )
    return device, new_recovery_codes(user=user)


@transaction.atomic
def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the recovery codes: each works once; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def disable_two_factor(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def anonymise_user(*, user: User, now: datetime.datetime) -> None:
    """Delete an account by anonymising it: name and e-mail are gone, the login is impossible,
    memberships end; the AMG's records that point at the row stay whole."""
    disable_two_factor(user=user)
    Membership.objects.filter(user=user).update(removed_at=now)
    OrganisationAdmin.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email, accepted_at=None).update(revoked_at=now)
    user.first_name = "Slettet"
    user.last_name = "bruger"
    user.email = f"slettet-{user.pk}@slettet.invalid"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.anonymised_at = now
    user.set_unusable_password()
    user.session_generation += 1
    user.save()
    _names_shown_changed(user)
