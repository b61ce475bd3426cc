"""Sessions in the database, read together with the signed-in user: one statement per request
instead of two (the session, then the user).

- `SessionStore` is Django's database session store on `forkant.models.Session`, which keeps the
  signed-in user's id as a column (written from the session's data on every save). Loading a
  session reads its row and the user's in one hand-written statement (`forkant/lib/rows.py`).
- `AuthenticationMiddleware` is Django's, except that while Django's `auth.get_user()` runs it
  makes the request's session store known to `SessionUserBackend`, Django's `ModelBackend`
  that hands back the user read with the session instead of reading it again. Everything else
  is Django's own: which backend the session names, `is_active`, and the session hash check
  (a changed password or a "sign out everywhere" still ends the session).
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from typing import Any

from django.contrib import auth
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from forkant.lib.rows import Columns
from forkant.models import Session, User

BACKEND = "forkant.sessions.SessionUserBackend"

# The session store of the request whose user Django's auth.get_user() is reading, while it does.
_reading: ContextVar[SessionStore | None] = ContextVar("forkant_session_reading", default=None)


class SessionStore(DatabaseStore):
    # The user whose id the loaded session holds, read with it (None: none, or not loaded).
    signed_in_user: User | None = None

    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        session = super().create_model_instance(data)
        session.user_id = _user_id(data.get(auth.SESSION_KEY))
        return session

    def _get_session_from_db(self) -> Session | None:
        """As Django's, with the user's row in the same statement."""
        self.signed_in_user = None
        session_columns, user_columns = _columns()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_load_sql(), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        self.signed_in_user = user_columns.instance(row, len(session_columns))
        return session_columns.instance(row)


class SessionUserBackend(ModelBackend):
    """Django's ModelBackend (passwords, permissions, is_active); get_user() takes the user read
    with the session when it is the one asked for."""

    def get_user(self, user_id: Any) -> User | None:
        store = _reading.get()
        user = getattr(store, "signed_in_user", None)
        if user is not None and str(user.pk) == str(user_id):
            return user if self.user_can_authenticate(user) else None
        return super().get_user(user_id)  # type: ignore[return-value]


class AuthenticationMiddleware(DjangoAuthentication):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))  # type: ignore[assignment]


def _user(request: HttpRequest) -> Any:
    if not hasattr(request, "_cached_user"):
        reading = _reading.set(request.session)  # type: ignore[arg-type]
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            _reading.reset(reading)
    return request._cached_user  # type: ignore[attr-defined]


def _user_id(value: object) -> int | None:
    try:
        return User._meta.pk.to_python(value) if value is not None else None  # type: ignore[union-attr]
    except ValidationError:  # a session that names no valid id has no user column
        return None


@cache
def _columns() -> tuple[Columns[Session], Columns[User]]:
    return Columns(Session, "s"), Columns(User, "u")


@cache
def _load_sql() -> str:
    session, user = _columns()
    quote = connection.ops.quote_name
    return f"""
        SELECT {session.sql}, {user.sql}
        FROM {quote(Session._meta.db_table)} s
        LEFT JOIN {quote(User._meta.db_table)} u ON u.id = s.user_id
        WHERE s.session_key = %s AND s.expire_date > %s
    """  # noqa: S608 - table and column names from the models, values as parameters
