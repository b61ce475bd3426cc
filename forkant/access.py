"""The one checked way to load an AMG and the objects it owns.

Every view that touches AMG data starts with ``ctx = amg_context(request, amg_id, write=...)`` and
loads objects only through ``ctx.get(Model, pk)`` / ``ctx.filter(Model)``:

- an AMG the user is neither a member of nor an organisation admin for answers 404 (we do not even
  confirm that it exists), and so does any object that belongs to another AMG;
- a write by someone without write access (a read-only member, an organisation admin who is not
  a member) answers 403, and so does every write to an archived AMG (read-only for everyone);
- managing the AMG's people (``manage=True``) is for its leder and AMR (not read-only) and the
  organisation's admins; everybody else who can see the AMG gets 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from forkant.lib.numbers import ascii_int
from forkant.lib.rows import Columns
from forkant.models import AMG, Membership, Organisation, OrganisationAdmin, Role, User

M = TypeVar("M", bound=models.Model)

MANAGER_ROLES = frozenset({Role.LEDER, Role.AMR})
_LARGEST_ID = 2**63 - 1


@dataclass(frozen=True)
class AMGContext:
    amg: AMG
    membership: Membership | None
    is_org_admin: bool

    @property
    def can_write(self) -> bool:
        return (
            self.membership is not None
            and not self.membership.read_only
            and not self.amg.is_archived
        )

    @property
    def can_manage(self) -> bool:
        """Invite, change roles and remove members: the org admin, and the AMG's leder and AMR."""
        if self.amg.is_archived:
            return False
        if self.is_org_admin:
            return True
        return self.can_write and self.membership.role in MANAGER_ROLES  # type: ignore[union-attr]

    def filter(self, model: type[M]) -> QuerySet[M]:
        """All objects of `model` that belong to this AMG (the model must have an `amg` FK)."""
        return model._default_manager.filter(amg=self.amg)

    def get(self, model: type[M], pk: object, queryset: QuerySet[M] | None = None) -> M:
        """One object of this AMG, or 404 (also for junk primary keys)."""
        qs = queryset if queryset is not None else self.filter(model)
        try:
            return qs.filter(amg=self.amg).get(pk=_pk(pk))
        except (ValueError, model.DoesNotExist):  # type: ignore[attr-defined]
            raise Http404 from None


def visible_amgs(user: User, *, include_archived: bool = False) -> QuerySet[AMG]:
    """The AMGs a user may read: their memberships and every AMG of organisations they admin.

    Archived AMGs are left out (they are off the dashboards) unless asked for."""
    if not user.is_authenticated:
        return AMG.objects.none()
    amgs = AMG.objects.filter(
        Q(pk__in=Membership.objects.filter(user=user).values("amg"))
        | Q(organisation__in=OrganisationAdmin.objects.filter(user=user).values("organisation"))
    ).select_related("organisation")
    return amgs if include_archived else amgs.filter(archived_at__isnull=True)


def reading_scope(user: User) -> list[AMG]:
    """Every AMG the user may read, archived ones included (their work can still be read and
    searched), each with `is_member` (a current membership, not only organisation admin); one
    query."""
    amgs = visible_amgs(user, include_archived=True).annotate(
        is_member=Exists(Membership.objects.filter(amg=OuterRef("pk"), user=user))
    )
    return list(amgs.order_by("name", "pk"))


def writable_amgs(user: User) -> QuerySet[AMG]:
    """The AMGs where the user may change things: memberships that are not read-only, of AMGs
    that are not archived."""
    if not user.is_authenticated:
        return AMG.objects.none()
    memberships = Membership.objects.filter(user=user, read_only=False).values("amg")
    return AMG.objects.filter(pk__in=memberships, archived_at__isnull=True).order_by("name")


def admin_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    """An organisation the user administers, or 404 (also for organisations that do not exist)."""
    user = request.user
    if not user.is_authenticated:
        raise Http404
    organisation = Organisation.objects.filter(pk=organisation_id, admins__user=user).first()
    if organisation is None:
        raise Http404
    return organisation


def administered_organisations(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(admins__user=user)


def amg_context(
    request: HttpRequest, amg_id: int, *, write: bool = False, manage: bool = False
) -> AMGContext:
    user = request.user
    if not user.is_authenticated:
        raise Http404
    ctx = _load_context(user, amg_id)
    if ctx is None:
        raise Http404
    if write and not ctx.can_write:
        raise PermissionDenied
    if manage and not ctx.can_manage:
        raise PermissionDenied
    return ctx


def _load_context(user: User, amg_id: int) -> AMGContext | None:
    """The user's context in the AMG, or None when they may not see it (or it does not exist).

    Every signed-in AMG page starts here, so it is one hand-written statement (compiling the
    ORM's equivalent cost three times running it): the AMG with its organisation, the user's
    current membership if any, and whether they administer the organisation."""
    if not 0 < amg_id <= _LARGEST_ID:  # the address's digits; the database's keys are 64-bit
        return None
    amg_columns, organisation_columns, membership_columns = _context_columns()
    with connection.cursor() as cursor:
        cursor.execute(_context_sql(), [user.pk, user.pk, amg_id])
        row = cursor.fetchone()
    if row is None:
        return None
    amg = amg_columns.instance(row)
    organisation = organisation_columns.instance(row, len(amg_columns))
    membership = membership_columns.instance(row, len(amg_columns) + len(organisation_columns))
    is_org_admin = bool(row[-1])
    if membership is None and not is_org_admin:
        return None
    amg.organisation = organisation  # type: ignore[union-attr]
    if membership is not None:
        membership.amg, membership.user = amg, user  # type: ignore[assignment]
    return AMGContext(amg, membership, is_org_admin=is_org_admin)  # type: ignore[arg-type]


@cache
def _context_columns() -> tuple[Columns[AMG], Columns[Organisation], Columns[Membership]]:
    return Columns(AMG, "a"), Columns(Organisation, "o"), Columns(Membership, "m")


@cache
def _context_sql() -> str:
    amg, organisation, membership = _context_columns()
    quote = connection.ops.quote_name
    # A current membership only, as Membership.objects (ActiveMembershipManager) reads them;
    # (amg, user) is unique, so the join finds at most one.
    return f"""
        SELECT {amg.sql}, {organisation.sql}, {membership.sql},
               EXISTS (SELECT 1 FROM {quote(OrganisationAdmin._meta.db_table)} oa
                       WHERE oa.organisation_id = a.organisation_id AND oa.user_id = %s)
        FROM {quote(AMG._meta.db_table)} a
        JOIN {quote(Organisation._meta.db_table)} o ON o.id = a.organisation_id
        LEFT JOIN {quote(Membership._meta.db_table)} m
               ON m.amg_id = a.id AND m.user_id = %s AND m.removed_at IS NULL
        WHERE a.id = %s
    """  # noqa: S608 - table and column names from the models, values as parameters


def _pk(raw: object) -> int:
    """A primary key from a URL or a query: the digits 0–9 only (ValueError for anything else)."""
    if isinstance(raw, int):
        return raw
    number = ascii_int(str(raw))
    if number is None:
        raise ValueError(raw)
    return number


def organisation_amg(organisation: Organisation, amg_id: object) -> AMG:
    """One AMG of an organisation the user administers (see admin_organisation), or 404."""
    try:
        return AMG.objects.get(organisation=organisation, pk=_pk(amg_id))
    except (ValueError, AMG.DoesNotExist):
        raise Http404 from None


def account_exists(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()
