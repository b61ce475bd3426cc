"""The table's rows: drawn from a template once per sort order of a cached overview."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from composition.overview.data import MIN_RESPONDENTS, Overview, Row
from composition.overview.queries import CACHE_SECONDS


def cached_table_body(overview: Overview, key: str) -> SafeString:
    """The rows as sorted, drawn once per sort order for a cached overview."""
    order = ",".join(str(row.amg.pk) for row in overview.rows)
    body_key = f"{key}:body:{hashlib.sha256(order.encode()).hexdigest()[:16]}"
    body = cache.get(body_key)
    if body is None:
        body = table_body(overview.rows)
        cache.set(body_key, body, CACHE_SECONDS)
    return body


def table_body(rows: Sequence[Row], *, min_respondents: int = MIN_RESPONDENTS) -> SafeString:
    return render_to_string(
        "composition/overview_rows.html#rows", {"rows": rows, "min_respondents": min_respondents}
    )
