"""What the board registers in the search (forkant/search.py): cards, ideas and referater.

Confidential cards are found only by the AMG's own members (read-only members included, as on
the board); an organisation admin's search across many AMGs leaves them out. An idea's sender is
never indexed or shown: the hit shows the idea's text, as the card made from it does.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forkant.search import Kind, Values, day, joined, register_kind
from handleplan.models import Action, Idea, IdeaStatus, Meeting, MeetingKind, Status


def _card_link(row: Values) -> str:
    return reverse("action_detail", args=[row["amg_id"], row["pk"]])


def _card_meta(row: Values) -> str:
    return joined(
        Status(row["status"]).label,
        row["theme__name"],
        _("fortrolig") if row["confidential"] else "",
        _("ændret %(day)s") % {"day": day(row["updated_at"])},
    )


def _idea_link(row: Values) -> str:
    """A published idea lives on as its card; the others are on the ideas page."""
    if row["status"] == IdeaStatus.PUBLISHED and row["action_id"]:
        return reverse("action_detail", args=[row["amg_id"], row["action_id"]])
    return reverse("idea_queue", args=[row["amg_id"]]) + f"#idea-{row['pk']}"


def _idea_meta(row: Values) -> str:
    return joined(
        IdeaStatus(row["status"]).label, _("modtaget %(day)s") % {"day": day(row["created_at"])}
    )


def _referat_link(row: Values) -> str:
    return reverse("meeting_detail", args=[row["amg_id"], row["pk"]])


def _referat_heading(row: Values) -> str:
    return f"{MeetingKind(row['kind']).label} {day(row['started_at'] or row['starts_at'])}"


def _referat_meta(row: Values) -> str:
    return joined(
        _("mødeleder: %(name)s") % {"name": row["moedeleder"]} if row["moedeleder"] else "",
        _("referent: %(name)s") % {"name": row["referent"]} if row["referent"] else "",
    )


def register() -> None:
    register_kind(
        Kind(
            key="kort",
            label=gettext_lazy("Kort på tavlen"),
            model=Action,
            title=("title",),
            body=("why", "how", "others", "follow_up_how"),
            newest="updated_at",
            link=_card_link,
            meta=_card_meta,
            values=("status", "theme__name", "confidential", "updated_at"),
            members_only=Q(confidential=True),
            order=10,
        )
    )
    register_kind(
        Kind(
            key="ideer",
            label=gettext_lazy("Idéer"),
            model=Idea,
            title=("text",),
            body=("decline_reason",),
            newest="created_at",
            link=_idea_link,
            meta=_idea_meta,
            values=("status", "action_id", "created_at"),
            order=30,
        )
    )
    register_kind(
        Kind(
            key="referater",
            label=gettext_lazy("Referater"),
            model=Meeting,
            title=("decisions",),
            body=("referat", "notes"),
            newest="starts_at",
            link=_referat_link,
            heading=_referat_heading,
            excerpt=("referat", "notes"),  # the referat repeats the decisions
            meta=_referat_meta,
            values=("kind", "starts_at", "started_at", "moedeleder", "referent"),
            # Meetings that have been held have a referat; a planned one has nothing to find.
            where=Q(ended_at__isnull=False),
            order=40,
        )
    )
