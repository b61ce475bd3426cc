"""The forms on crawled pages (see tests/crawl.py), read the way a browser would submit them:
for the hostile-input tests that post junk into every form the personas reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag

from tests.crawl import Page, pattern_of

TEXT_TYPES = {"text", "search", "email", "url", "tel", "password", ""}
SKIPPED_ACTIONS = ("/log-ud/", "/konto/log-ud-overalt/", "/sprog/", "/drift/admin/", "/static/")


@dataclass
class Field:
    name: str
    kind: str  # an input's type, or "textarea", "select", "button"
    value: str = ""
    checked: bool = False
    numeric: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)


@dataclass
class Form:
    page: str
    method: str
    action: str
    fields: list[Field] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return self.method, pattern_of(self.action)

    @property
    def text_fields(self) -> list[str]:
        names = [f.name for f in self.fields if f.kind in TEXT_TYPES | {"textarea"}]
        return list(dict.fromkeys(names))

    @property
    def numeric_fields(self) -> list[str]:
        return list(dict.fromkeys(f.name for f in self.fields if f.numeric))

    def data(self) -> dict[str, list[str]]:
        """What submitting the form unchanged sends: hidden and typed values, the selected
        options (or a select's first), checked boxes (or a radio group's first), and the first
        named submit button."""
        data: dict[str, list[str]] = {}
        radios: dict[str, str] = {}
        button_sent = False
        for f in self.fields:
            if f.kind == "file":
                continue
            if f.kind == "select":
                chosen = [v for v, selected in f.options if selected]
                if not chosen and f.options:
                    chosen = [next((v for v, _s in f.options if v), f.options[0][0])]
                data.setdefault(f.name, []).extend(chosen)
            elif f.kind == "radio":
                radios.setdefault(f.name, f.value)
                if f.checked:
                    radios[f.name] = f.value
            elif f.kind == "checkbox":
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
            elif f.kind in {"submit", "button"}:
                if not button_sent and f.kind == "submit":
                    data.setdefault(f.name, []).append(f.value)
                    button_sent = True
            elif f.kind not in {"reset", "image"}:
                data.setdefault(f.name, []).append(f.value)
        for name, value in radios.items():
            data.setdefault(name, [value])
        return data


class _FormParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: Field | None = None
        self.select: Field | None = None
        self.option: tuple[str | None, bool] | None = None
        self.option_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action, _fragment = urldefrag(a.get("action") or self.page)
            self.form = Form(self.page, (a.get("method") or "get").lower(), action)
            self.forms.append(self.form)
            return
        if self.form is None or "name" not in a or "disabled" in a:
            if tag == "option" and self.select is not None:
                self.option, self.option_text = (a.get("value"), "selected" in a), ""
            return
        numeric = a.get("type") == "number" or a.get("inputmode") in {"numeric", "decimal"}
        if tag == "input":
            kind = a.get("type", "text").lower()
            self.form.fields.append(
                Field(a["name"], kind, a.get("value", ""), "checked" in a, numeric)
            )
        elif tag == "button":
            kind = a.get("type", "submit").lower()
            self.form.fields.append(Field(a["name"], kind, a.get("value", "")))
        elif tag == "textarea":
            self.textarea = Field(a["name"], "textarea", numeric=numeric)
            self.form.fields.append(self.textarea)
        elif tag == "select":
            self.select = Field(a["name"], "select")
            self.form.fields.append(self.select)

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data
        if self.option is not None:
            self.option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self._end_option()
            self.select = None
        elif tag == "option":
            self._end_option()

    def _end_option(self) -> None:
        if self.option is not None and self.select is not None:
            value, selected = self.option
            text = self.option_text.strip()
            self.select.options.append((text if value is None else value, selected))
        self.option = None


def forms_on(page: Page) -> list[Form]:
    parser = _FormParser(page.path.split("?")[0] if "?" in page.path else page.path)
    parser.feed(page.html)
    return [
        f
        for f in parser.forms
        if f.action.startswith("/") and not f.action.startswith(SKIPPED_ACTIONS)
    ]


def one_form_per_pattern(pages: list[Page], wanted: Callable[[Form], bool]) -> list[Form]:
    """Of the `wanted` forms on the pages, the first of each (method, URL pattern)."""
    found: dict[tuple[str, str], Form] = {}
    for page in pages:
        for form in forms_on(page):
            if wanted(form):
                found.setdefault(form.key, form)
    return list(found.values())
