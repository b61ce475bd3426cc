"""The one checked way to load an AMG and the objects it owns.

Every view that touches AMG data starts with ``ctx = amg_context(request, amg_id, write=...)`` and
loads objects only through ``ctx.get(Model, pk)`` / ``ctx.filter(Model)``:

- an AMG the user is neither a member of nor an organisation admin for answers 404 (we do not even
  confirm that it exists), and so does any object that belongs to another AMG;
- a write by someone without write access (a read-only member, an organisation admin who is not
  a member) answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from forkant.models import AMG, Membership, OrganisationAdmin, User

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class AMGContext:
    amg: AMG
    membership: Membership | None
    is_org_admin: bool

    @property
    def can_write(self) -> bool:
        return self.membership is not None and not self.membership.read_only

    def filter(self, model: type[M]) -> QuerySet[M]:
        """All objects of `model` that belong to this AMG (the model must have an `amg` FK)."""
        return model._default_manager.filter(amg=self.amg)

    def get(self, model: type[M], pk: object, queryset: QuerySet[M] | None = None) -> M:
        """One object of this AMG, or 404 (also for junk primary keys)."""
        qs = queryset if queryset is not None else self.filter(model)
        try:
            return qs.filter(amg=self.amg).get(pk=int(str(pk)))
        except (ValueError, model.DoesNotExist):  # type: ignore[attr-defined]
            raise Http404 from None


def visible_amgs(user: User) -> QuerySet[AMG]:
    """The AMGs a user may read: their memberships and every AMG of organisations they admin."""
    if not user.is_authenticated:
        return AMG.objects.none()
    return AMG.objects.filter(
        Q(pk__in=Membership.objects.filter(user=user).values("amg"))
        | Q(organisation__in=OrganisationAdmin.objects.filter(user=user).values("organisation"))
    ).select_related("organisation")


def amg_context(request: HttpRequest, amg_id: int, *, write: bool = False) -> AMGContext:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    try:
        amg = AMG.objects.select_related("organisation").get(pk=amg_id)
    except AMG.DoesNotExist:
        raise Http404 from None
    membership = Membership.objects.filter(amg=amg, user=user).select_related("user").first()
    is_org_admin = amg.organisation.admins.filter(user=user).exists()
    if membership is None and not is_org_admin:
        raise Http404
    ctx = AMGContext(amg=amg, membership=membership, is_org_admin=is_org_admin)
    if write and not ctx.can_write:
        raise PermissionDenied
    return ctx
