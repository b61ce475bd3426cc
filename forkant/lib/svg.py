"""What the server-drawn charts share: their colours and the accessible <svg> element around a
drawing (the same picture in the browser and in the PDF).

Presentation attributes only (a strict Content-Security-Policy allows no style attributes), and
every text escaped: the drawing's parts must be safe strings built with format_html.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# The palette: readable on white and in grey print.
INK = "#1d2a2a"  # text and the strongest lines (the app's text colour)
MUTED = "#5c6b6b"  # axis labels and ticks
GRID = "#c9d2d1"  # rules, grid lines and rings
WHITE = "#ffffff"  # strokes that part touching shapes, text on a dark mark
BRAND = "#0b5f57"  # the app's green
BLUE = "#2f6fb0"
OCHRE = "#b7791f"
PURPLE = "#7b4fa6"
RED = "#a4262c"
GREEN = "#2f8a4c"
SLATE = "#55606a"
BROWN = "#7a4a00"

SVG_NS = "http://www.w3.org/2000/svg"


def svg(
    parts: Iterable[SafeString],
    *,
    css_class: str,
    width: float,
    height: float,
    label: str,
    description: str = "",
    label_id: str = "",
    description_id: str = "",
    top: float = 0,
    sized: bool = True,
    font_family: str = "",
) -> SafeString:
    """The drawing's parts in an <svg role="img"> with a name for screen readers.

    The name is `label` as aria-label; with a `description`, the label and the description are
    the drawing's <title> and <desc> instead, named by aria-labelledby (`label_id`,
    `description_id`). The viewBox is `width` × `height` from (0, `top`); `sized` also sets the
    width and height (leave it off for a drawing that scales to its box through CSS).
    """
    size = format_html(' width="{}" height="{}"', width, height) if sized else ""
    if description:
        name = format_html(' aria-labelledby="{} {}"', label_id, description_id)
        heading = format_html(
            '<title id="{}">{}</title><desc id="{}">{}</desc>',
            label_id,
            label,
            description_id,
            description,
        )
    else:
        name, heading = format_html(' aria-label="{}"', label), ""
    font = format_html(' font-family="{}"', font_family) if font_family else ""
    return format_html(
        '<svg class="{}" viewBox="0 {} {} {}"{} role="img"{} xmlns="{}"{}>{}{}</svg>',
        css_class,
        top,
        width,
        height,
        size,
        name,
        SVG_NS,
        font,
        heading,
        format_html_join("", "{}", ((part,) for part in parts)),
    )
