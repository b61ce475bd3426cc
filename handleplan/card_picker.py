"""Choosing cards from the board in a form: a searchable select that works without JavaScript.

A board has hundreds of cards, so a checkbox per card fills a phone with thousands of pixels.
Instead the field shows the cards already chosen as ticked checkboxes (untick to remove) and one
text field tied to a `<datalist>` of every card: the browser itself offers the matching titles
as one types, with or without JavaScript. On saving, the typed text is found among the cards (the
exact title, else the one title that contains it); when several contain it, the form comes back
with those as checkboxes to tick. `static/js/cardpicker.js` adds a chosen card to the ticked
list at once, so several can be added before saving.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forkant.lib.numbers import ascii_int
from handleplan.models import Action

MAX_CANDIDATES = 20


@dataclass(frozen=True)
class Choice:
    pk: int
    label: str  # the title, with the theme where two cards share a title
    hint: str  # theme and column, shown beside the suggestion


def _choices(cards: Iterable[Action]) -> list[Choice]:
    cards = list(cards)
    titles = Counter(card.title.casefold() for card in cards)
    choices = []
    for card in cards:
        label = card.title
        if titles[card.title.casefold()] > 1:
            label = f"{card.title} ({card.theme.name})"
        choices.append(Choice(card.pk, label, f"{card.theme.name} · {card.get_status_display()}"))
    return choices


class CardPicker(forms.Widget):
    """The ticked cards, and the text field with its datalist (see the module's docstring)."""

    template_name = "handleplan/widgets/card_picker.html"
    use_fieldset = True
    add_suffix = "_add"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices: list[Choice] = []

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> dict:
        getlist = getattr(data, "getlist", None)
        ids = getlist(name) if getlist else data.get(name, [])
        return {"ids": [str(i) for i in ids], "add": str(data.get(name + self.add_suffix, ""))}

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return False  # an empty list of ticked cards is a choice too

    def format_value(self, value: Any) -> dict:
        if isinstance(value, dict):
            return value
        ids = [str(getattr(v, "pk", v)) for v in (value or [])]
        return {"ids": ids, "add": ""}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict:
        context = super().get_context(name, value, attrs)
        value = context["widget"]["value"]
        picked_ids = set(value["ids"])
        by_pk = {str(choice.pk): choice for choice in self.choices}
        add = value["add"].strip()
        candidates = []
        if add and find(self.choices, add) is None:
            candidates = [c for c in matching(self.choices, add) if str(c.pk) not in picked_ids]
        context["widget"].update(
            {
                "picked": [by_pk[pk] for pk in value["ids"] if pk in by_pk],
                # Several cards matched what was typed: they are the choice now, not the text.
                "candidates": candidates,
                "add_name": name + self.add_suffix,
                "add_value": "" if candidates else add,
                "options": self.choices,
            }
        )
        return context

    def id_for_label(self, id_: str) -> str:
        return id_ + self.add_suffix if id_ else id_


def matching(choices: list[Choice], text: str) -> list[Choice]:
    """The cards whose label contains the text (case and spacing ignored)."""
    needle = " ".join(text.split()).casefold()
    return [c for c in choices if needle in c.label.casefold()][:MAX_CANDIDATES]


def find(choices: list[Choice], text: str) -> Choice | None:
    """The one card the text names: its exact label, else the only label containing it."""
    needle = " ".join(text.split()).casefold()
    if not needle:
        return None
    exact = [c for c in choices if c.label.casefold() == needle]
    if len(exact) == 1:
        return exact[0]
    found = matching(choices, text)
    return found[0] if len(found) == 1 else None


class CardChoiceField(forms.Field):
    """Cards of one AMG (the queryset), chosen with `CardPicker`; cleans to a list of actions."""

    widget = CardPicker
    default_error_messages = {
        "gone": _("Et af de valgte kort findes ikke længere. Se listen igen, og gem."),
        "none": _("Intet kort passer til “%(text)s”. Skriv en del af kortets titel."),
    }

    def __init__(self, *, queryset: QuerySet[Action], **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.queryset = queryset

    @property
    def queryset(self) -> QuerySet[Action]:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: QuerySet[Action]) -> None:
        self._queryset = queryset.select_related("theme").order_by("title", "pk")
        self._cards: dict[int, Action] | None = None

    def cards(self) -> dict[int, Action]:
        """The AMG's cards, read once per form."""
        if self._cards is None:
            self._cards = {card.pk: card for card in self._queryset}
            self.widget.choices = _choices(self._cards.values())
        return self._cards

    def prepare_value(self, value: Any) -> Any:
        self.cards()  # the widget needs its choices to render
        return value

    def clean(self, value: Any) -> list[Action]:
        cards = self.cards()
        value = value if isinstance(value, dict) else self.widget.format_value(value)
        picked: list[Action] = []
        for raw in value["ids"]:
            if ascii_int(raw) not in cards:
                raise ValidationError(self.error_messages["gone"], code="gone")
            card = cards[int(raw)]
            if card not in picked:
                picked.append(card)
        text = " ".join(value["add"].split())[:200]
        if text:
            choice = find(self.widget.choices, text)
            if choice is None:
                found = matching(self.widget.choices, text)
                if not found:
                    raise ValidationError(
                        self.error_messages["none"], code="none", params={"text": text}
                    )
                raise ValidationError(
                    ngettext(
                        "%(n)d kort passer til “%(text)s”. Sæt flueben ved det rigtige herunder.",
                        "%(n)d kort passer til “%(text)s”. Sæt flueben ved de rigtige herunder.",
                        len(found),
                    ),
                    code="several",
                    params={"n": len(found), "text": text},
                )
            if cards[choice.pk] not in picked:
                picked.append(cards[choice.pk])
        if self.required and not picked:
            raise ValidationError(self.error_messages["required"], code="required")
        return picked

    def has_changed(self, initial: Any, data: Any) -> bool:
        return True
