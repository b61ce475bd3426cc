"""Django's PostgreSQL backend with a cheaper health check for reused connections.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request, to
find a connection the server closed (a restart, a failover). That round trip costs as much as
the wall screen's whole poll. A connection that answered a query a few seconds ago is alive with
near certainty, so we check only connections that have been idle for longer than
`HEALTH_CHECK_AFTER_IDLE` seconds: an idle worker still never hands a dead connection to a
request, and a busy one pays nothing. (If the server restarts in the middle of busy traffic, a
worker can still hit the dead connection once; Django then closes it and the next request
reconnects.)
"""

from __future__ import annotations

import time
from typing import Any

from django.db.backends.postgresql import base

HEALTH_CHECK_AFTER_IDLE = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    last_used: float = 0.0

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and time.monotonic() - self.last_used < HEALTH_CHECK_AFTER_IDLE
        ):
            self.health_check_done = True  # recently used: skip the round trip
            return
        super().close_if_health_check_failed()

    def create_cursor(self, name: Any = None) -> Any:
        self.last_used = time.monotonic()
        return super().create_cursor(name)
