"""A person's own data as JSON (the user page's download).

Found by following every foreign key that points at the user or at one of their memberships,
in every installed app, so records added by later apps are included without changes here.
Secrets (password hash, second-factor keys) are left out."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from forkant.models import Invitation, Membership, OrganisationAdmin, User

SKIPPED_APPS = {"admin", "sessions", "contenttypes", "auth", "axes", "otp_totp", "otp_static"}
# Login sessions hold their keys: secrets, like the apps above.
SKIPPED_MODELS = {"forkant.Session"}
# Secrets, and the search's vectors (derived from the text that is included).
SKIPPED_FIELDS = {
    "password",
    "key",
    "token",
    "token_hash",
    "device_key",
    "pairing_token_hash",
    "search_vector",
}


def _value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS:
            continue
        row[field.attname] = _value(getattr(obj, field.attname))
    return row


def _referencing(targets: dict[type[models.Model], list[int]]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS or model._meta.label in SKIPPED_MODELS:
            continue
        if model in (User, Membership):
            continue
        for field in model._meta.concrete_fields:
            target = getattr(field, "related_model", None)
            if not field.is_relation or target not in targets or not targets[target]:
                continue
            rows = model._base_manager.filter(**{f"{field.name}__in": targets[target]})
            label = f"{model._meta.label}.{field.name}"
            found[label] = [_row(obj) for obj in rows.order_by("pk")]
    return {label: rows for label, rows in sorted(found.items()) if rows}


def export(user: User) -> dict[str, Any]:
    memberships = list(Membership.all_objects.filter(user=user).select_related("amg"))
    return {
        "exported_at": timezone.now().isoformat(),
        "user": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _value(user.date_joined),
            "last_login": _value(user.last_login),
        },
        "memberships": [
            {**_row(m), "amg_name": m.amg.name, "role_name": str(m.get_role_display())}
            for m in memberships
        ],
        "organisation_admin_of": [
            a.organisation.name
            for a in OrganisationAdmin.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_received": [
            _row(i) for i in Invitation.objects.filter(email__iexact=user.email).order_by("pk")
        ],
        "two_factor_enabled": user.totpdevice_set.filter(confirmed=True).exists(),
        "records": _referencing({User: [user.pk], Membership: [m.pk for m in memberships]}),
    }
