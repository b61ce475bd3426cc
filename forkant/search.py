"""One search across an AMG's years of work: the registry the apps fill, and the search itself.

The core imports no domain app. Each app registers what it can be searched for from its
`AppConfig.ready()` (handleplan: cards, ideas, referater; apv: problems, risk assessments,
incidents; metoder: annual evaluations, notes of self-assessment rounds): a `Kind` names the
model, its title and body columns, the column that says what is newest, how a hit links to its
page, which rows can be found at all (`where`) and which only by the AMG's own members
(`members_only`).

How a search runs (docs/ARCHITECTURE.md, "Search"):

- The words of the query are its runs of letters and digits; everything else (`&`, `|`, `!`,
  `:*`, quotes, backslashes, SQL) is a separator and never reaches the database as syntax.
  Each word matches whole words and the beginnings of words; all words must match.
- **PostgreSQL**: a stored `search_vector` per row (kept current by a trigger,
  `forkant/lib/fulltext.py`; title columns weighted A, body columns B, Danish stemming, a GIN
  index) is matched with `to_tsquery('danish', 'word:* & …')` built from those words only, so
  "sygemeldinger" finds "sygemelding". Rows whose title holds every word come first, then by
  `ts_rank`, then newest first. `ts_headline` writes the excerpt. Each kind's statement is
  compiled once (`_Statement`); a search only fills in its parameters.
- **SQLite** (the embedded default): every word must begin a word in one of the columns
  (a case-insensitive regular expression, Danish letters included, behind a LIKE that lets only
  possible rows through); title matches first, then newest first; the excerpt is cut and marked
  in Python (`forkant/lib/highlight.py`).
- One query per kind, whatever the number of rows: the page of hits with their total (a window
  count) and the excerpts of that page only; a count for each kind not shown.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import Count, F, Q, QuerySet, Value, Window
from django.db.models.functions import NullIf
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from forkant.access import AMGContext, reading_scope
from forkant.lib import highlight
from forkant.lib.fulltext import CONFIG, TITLE_WEIGHT, VECTOR_FIELD, text_of
from forkant.models import AMG, User

Label = str | Promise
Values = Mapping[str, Any]  # one hit's row: pk, amg_id and the kind's `values`

MAX_LENGTH = 200  # characters of a query
MAX_WORDS = 10
PER_GROUP = 5  # hits of each kind when all kinds are shown
PER_PAGE = 20  # hits of a page of one kind
HEADING_CHARS, EXCERPT_CHARS = 160, 240
_WORD = re.compile(r"[^\W_]+")  # letters and digits, in any script
_SEPARATOR = " — "


@dataclass(frozen=True)
class Scope:
    """The AMGs a search reads (every one the viewer may read, or one of them), and those the
    viewer is a member of (some things are found by members only)."""

    amgs: Mapping[int, AMG]
    member_of: frozenset[int] = frozenset()

    @property
    def across(self) -> bool:
        """More than one AMG: each hit names its AMG."""
        return len(self.amgs) > 1

    @classmethod
    def of_user(cls, user: User) -> Scope:
        amgs = reading_scope(user)
        return cls({a.pk: a for a in amgs}, frozenset(a.pk for a in amgs if a.is_member))

    @classmethod
    def of_context(cls, ctx: AMGContext) -> Scope:
        members = frozenset({ctx.amg.pk}) if ctx.membership is not None else frozenset()
        return cls({ctx.amg.pk: ctx.amg}, members)


# The registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    key: str  # in the page's address (?slags=kort): stable, lower-case
    label: Label  # the group's heading, plural ("Kort", "Problemer")
    model: type[models.Model]  # has `amg` and `search_vector`
    title: tuple[str, ...]  # weight A; the same columns as the model's SearchVectorTrigger
    body: tuple[str, ...]  # weight B (a JSON column's key as `column__key`)
    newest: str  # the column that orders equal hits, newest first
    link: Callable[[Values], str]  # the hit's page
    order: int
    # The hit's heading when its title columns are not a name (a meeting, an incident); the
    # title columns are then part of the excerpt. None: the title, with its matches marked.
    heading: Callable[[Values], str] | None = None
    meta: Callable[[Values], str] | None = None  # a short line under the heading
    # The columns the excerpt is cut from; None: the body (with a `heading`, title and body).
    excerpt: tuple[str, ...] | None = None
    values: tuple[str, ...] = ()  # what link/heading/meta read besides pk and amg_id
    # Which rows can be found at all (a meeting that was held has a referat), and which of them
    # only by the AMG's own members (confidential cards): conditions on the kind's own rows.
    where: Q | None = None
    members_only: Q | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        return self.title + self.body


_kinds: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    """Called from an AppConfig.ready(); registering a key again replaces it."""
    if not kind.columns:
        raise ValueError(f"{kind.key}: a kind needs title or body columns")
    _kinds[kind.key] = kind


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.order)


def day(value: datetime.date | datetime.datetime | None) -> str:
    """A date for a hit's meta line, in the page's language ("3. marts 2025")."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "j. F Y")


def joined(*parts: object) -> str:
    """A meta line's parts, the empty ones left out."""
    return " · ".join(str(part) for part in parts if part)


# The query's words --------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """The query's words: its runs of letters and digits, each once, in order."""
    seen: dict[str, str] = {}
    for word in _WORD.findall(text):
        seen.setdefault(word.casefold(), word)
    return list(seen.values())


# Results ------------------------------------------------------------------------------------


@dataclass
class Hit:
    kind: Kind
    pk: int
    amg: AMG
    url: str
    heading: SafeString
    excerpt: SafeString
    meta: str


@dataclass
class Group:
    kind: Kind
    total: int
    hits: list[Hit] = field(default_factory=list)
    page: int = 1
    pages: int = 1

    @property
    def has_more(self) -> bool:
        return self.total > len(self.hits)


@dataclass
class Results:
    words: list[str]
    groups: list[Group]  # every kind with at least one hit, in the registry's order
    only: Group | None = None  # the kind shown page by page, when one is chosen

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def search(scope: Scope, words: Sequence[str], *, only: str = "", page: int = 1) -> Results:
    """Every registered kind's hits for the words in the scope: the first PER_GROUP of each,
    or, with `only` (a kind's key), that kind's page of PER_PAGE and the others' counts."""
    groups = []
    chosen = None
    for kind in kinds():
        if only and kind.key != only:
            group = Group(kind, total=_count(kind, scope, words))
        elif only:
            chosen = group = _page(kind, scope, words, page)
        else:
            hits, total = _hits(kind, scope, words, offset=0, limit=PER_GROUP)
            group = Group(kind, total=total, hits=hits)
        if group.total:
            groups.append(group)
    return Results(list(words), groups, chosen)


def _page(kind: Kind, scope: Scope, words: Sequence[str], page: int) -> Group:
    hits, total = _hits(kind, scope, words, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    if not hits and page > 1:  # past the end (fewer hits than when the link was made)
        total = _count(kind, scope, words)
        page = max(1, math.ceil(total / PER_PAGE))
        hits, total = _hits(kind, scope, words, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    return Group(kind, total, hits, page=page, pages=max(1, math.ceil(total / PER_PAGE)))


def _hits(
    kind: Kind, scope: Scope, words: Sequence[str], *, offset: int, limit: int
) -> tuple[list[Hit], int]:
    """One query: a page of the kind's hits, best first, and how many there are in all."""
    if _postgresql():
        rows = _statement(kind, count=False).run(scope, words, limit=limit, offset=offset)
    else:
        rows = list(_ordered(kind, scope, words)[offset : offset + limit])
    hits = [_hit(kind, scope, row, words) for row in rows]
    return hits, (rows[0]["_total"] if rows else 0)


def _count(kind: Kind, scope: Scope, words: Sequence[str]) -> int:
    if _postgresql():
        return _statement(kind, count=True).run(scope, words)[0]["n"]
    return _matching(kind, scope, words).count()


# The queries --------------------------------------------------------------------------------


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(words: Iterable[str] | str, weight: str = "") -> SearchQuery:
    # The words are letters and digits only (words_of), so the raw tsquery holds no syntax of
    # the user's; it is passed as a parameter all the same.
    raw = words if isinstance(words, str) else _raw_tsquery(words, weight)
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def _raw_tsquery(words: Iterable[str], weight: str = "") -> str:
    return " & ".join(f"{word}:*{weight}" for word in words)


def _begins_a_word(word: str, columns: Sequence[str]) -> Q:
    """SQLite: a word of one of the columns begins with `word`, in any case. A LIKE with `_`
    for each non-ASCII letter (SQLite's LIKE folds ASCII case only) passes every such row and
    spares the regular expression, a Python call per row, most of the others."""
    pattern = rf"\b{re.escape(word)}"
    rough = "%" + "".join(c if c.isascii() else "_" for c in word) + "%"
    return reduce(
        or_,
        (_Like(column, rough) & Q(**{f"{column}__iregex": pattern}) for column in columns),
    )


class _Like(models.Expression):
    """`column LIKE %s` (SQLite), the pattern's wildcards as given."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, column: str, pattern: str) -> None:
        super().__init__()
        self.column: Any = text_of(column)
        self.pattern = pattern

    def resolve_expression(self, *args: Any, **kwargs: Any) -> _Like:
        resolved = self.copy()
        resolved.column = self.column.resolve_expression(*args, **kwargs)
        return resolved

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.column)
        return f"{sql} LIKE %s", [*params, self.pattern]


class _Slot(str):
    """A parameter of a compiled statement that each search fills in (see _Statement)."""

    __slots__ = ()


_WORDS, _TITLE_WORDS = _Slot("\ue100words"), _Slot("\ue100title")
_AMGS, _MEMBERS = _Slot("\ue100amgs"), _Slot("\ue100members")


class _AnyOf(models.Expression):
    """`column = ANY(%s)` with one array parameter, so a statement's SQL does not change with
    the number of AMGs (PostgreSQL)."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, column: str, slot: _Slot) -> None:
        super().__init__()
        self.column: Any = F(column)
        self.slot = slot

    def resolve_expression(self, *args: Any, **kwargs: Any) -> _AnyOf:
        resolved = self.copy()
        resolved.column = self.column.resolve_expression(*args, **kwargs)
        return resolved

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        sql, params = compiler.compile(self.column)
        return f"{sql} = ANY(%s)", [*params, self.slot]


def _matching(kind: Kind, scope: Scope, words: Sequence[str]) -> QuerySet[Any]:
    """The kind's rows in the scope that the viewer may see and that match every word
    (SQLite; on PostgreSQL the compiled statement below does this)."""
    rows = _visible(kind, list(scope.amgs), list(scope.member_of))
    return rows.filter(reduce(and_, (_begins_a_word(w, kind.columns) for w in words)))


def _visible(kind: Kind, amgs: Any, members: Any) -> QuerySet[Any]:
    """The kind's rows in the AMGs `amgs` that can be found, those for members only in the AMGs
    `members` (lists, or _AnyOf conditions for a statement compiled once)."""
    rows = kind.model._default_manager.all()
    rows = rows.filter(amgs if isinstance(amgs, _AnyOf) else Q(amg_id__in=amgs))
    if kind.where is not None:
        rows = rows.filter(kind.where)
    if kind.members_only is not None:
        mine = members if isinstance(members, _AnyOf) else Q(amg_id__in=members)
        rows = rows.filter(~kind.members_only | mine)
    return rows


def _ordered(kind: Kind, scope: Scope, words: Sequence[str]) -> QuerySet[Any]:
    """SQLite: the kind's matching rows, title matches first, then newest; with their text
    (marked in Python) and their total."""
    in_title = reduce(and_, (_begins_a_word(w, kind.title) for w in words)) if kind.title else None
    rows = _matching(kind, scope, words).annotate(
        _total=Window(Count("pk")),
        _title_hit=models.ExpressionWrapper(in_title, output_field=models.BooleanField())
        if in_title is not None
        else Value(False),
    )
    order = [F("_title_hit").desc(), F(kind.newest).desc(nulls_last=True), F("pk").desc()]
    return rows.order_by(*order).values("pk", "amg_id", "_total", *kind.values, *kind.columns)


@dataclass(frozen=True)
class _Statement:
    """A kind's search compiled once to SQL (PostgreSQL): building and compiling the ORM query
    costs more than running it, and only its parameters change from one search to the next —
    the words are one tsquery parameter and the AMGs one array."""

    sql: str
    params: tuple[Any, ...]

    def run(
        self, scope: Scope, words: Sequence[str], *, limit: int = 0, offset: int = 0
    ) -> list[dict[str, Any]]:
        slots = {
            _WORDS: _raw_tsquery(words),
            _TITLE_WORDS: _raw_tsquery(words, TITLE_WEIGHT),
            _AMGS: list(scope.amgs),
            _MEMBERS: list(scope.member_of),
        }
        params = [slots[p] if isinstance(p, _Slot) else p for p in self.params]
        sql = self.sql
        if limit:
            sql, params = f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            names = [column.name for column in cursor.description]  # the values' aliases
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


_statements: dict[tuple[str, bool], tuple[Kind, _Statement]] = {}


def _statement(kind: Kind, *, count: bool) -> _Statement:
    cached = _statements.get((kind.key, count))
    if cached is not None and cached[0] is kind:
        return cached[1]
    rows = _visible(kind, _AnyOf("amg_id", _AMGS), _AnyOf("amg_id", _MEMBERS))
    query = _tsquery(_WORDS)
    rows = rows.filter(**{VECTOR_FIELD: query})
    if count:
        sql, params = rows.values("pk").query.sql_with_params()
        # `sql` is Django's own compiled SQL with placeholders; nothing of the user's is in it.
        counted = f"SELECT count(*) AS n FROM ({sql}) AS hits"  # noqa: S608
        statement = _Statement(counted, tuple(params))
    else:
        texts = {"_excerpt": _headline(_excerpt_columns(kind), query, fragments=True)}
        if kind.heading is None:
            texts["_heading"] = _headline(kind.title, query, fragments=False)
        title_hit: models.Expression = Value(False)
        if kind.title:
            in_title = Q(**{VECTOR_FIELD: _tsquery(_TITLE_WORDS)})
            title_hit = models.ExpressionWrapper(in_title, output_field=models.BooleanField())
        rows = rows.annotate(
            _total=Window(Count("pk")),
            _title_hit=title_hit,
            _rank=SearchRank(F(VECTOR_FIELD), query),
            **texts,
        )
        order = ["-_title_hit", "-_rank", F(kind.newest).desc(nulls_last=True), "-pk"]
        rows = rows.order_by(*order).values("pk", "amg_id", "_total", *kind.values, *texts)
        sql, params = rows.query.sql_with_params()
        statement = _Statement(sql, tuple(params))
    _statements[(kind.key, count)] = (kind, statement)
    return statement


def _joined(columns: Sequence[str]) -> models.Expression:
    """The columns' text as one, the empty ones left out (for ts_headline)."""
    if len(columns) == 1:
        return text_of(columns[0])
    parts = [NullIf(text_of(column), Value("")) for column in columns]
    return models.Func(Value(_SEPARATOR), *parts, function="CONCAT_WS")


def _headline(columns: Sequence[str], query: SearchQuery, *, fragments: bool) -> SearchHeadline:
    options: dict[str, Any] = {"max_words": 30, "min_words": 12}
    if fragments:
        options = {"max_words": 22, "min_words": 8, "max_fragments": 2}
    return SearchHeadline(
        _joined(columns),
        query,
        config=CONFIG,
        start_sel=highlight.START,
        stop_sel=highlight.STOP,
        fragment_delimiter=f" {highlight.ELLIPSIS} ",
        **options,
    )


def _excerpt_columns(kind: Kind) -> tuple[str, ...]:
    if kind.excerpt is not None:
        return kind.excerpt
    return kind.columns if kind.heading is not None else kind.body


def _text(row: Values, columns: Sequence[str]) -> str:
    return _SEPARATOR.join(str(row[c]) for c in columns if row.get(c) not in (None, ""))


def _hit(kind: Kind, scope: Scope, row: Values, words: Sequence[str]) -> Hit:
    if "_excerpt" in row:  # PostgreSQL's ts_headline
        excerpt, heading = row["_excerpt"], row.get("_heading")
    else:
        excerpt = highlight.mark(_text(row, _excerpt_columns(kind)), words, limit=EXCERPT_CHARS)
        heading = highlight.mark(_text(row, kind.title), words, limit=HEADING_CHARS)
    if kind.heading is not None:
        heading_html = highlight.to_html(highlight.plain(kind.heading(row)))
    else:
        heading_html = highlight.to_html(heading)
    return Hit(
        kind=kind,
        pk=row["pk"],
        amg=scope.amgs[row["amg_id"]],
        url=kind.link(row),
        heading=heading_html,
        excerpt=highlight.to_html(excerpt),
        meta=kind.meta(row) if kind.meta is not None else "",
    )
