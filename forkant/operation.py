"""Operation: the health check for load balancers, the operator's contact details."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

# Once every migration is applied it stays so for this process's code; look again at most
# every minute (a restore of an older backup would show up then).
_MIGRATIONS_OK_UNTIL = 0.0


def health_problem() -> str:
    """'' when healthy; otherwise a short, data-free description."""
    global _MIGRATIONS_OK_UNTIL
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        if time.monotonic() < _MIGRATIONS_OK_UNTIL:
            return ""
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return "migrations pending"
    except DatabaseError:
        return "database unreachable"
    _MIGRATIONS_OK_UNTIL = time.monotonic() + 60
    return ""


def operator_contact() -> dict[str, str]:
    return {
        "name": settings.OPERATOR_NAME,
        "email": settings.OPERATOR_EMAIL,
        "phone": settings.OPERATOR_PHONE,
        "address": settings.OPERATOR_ADDRESS,
    }
