"""The charts' accessible <svg> element and palette (forkant/lib/svg.py)."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString

from forkant.lib import svg as lib

DOT = format_html('<circle cx="1" cy="1" r="1" fill="{}"/>', lib.INK)


def test_a_chart_is_an_img_named_by_its_label_with_its_size_and_view_box():
    assert lib.svg([DOT], css_class="chart chart-x", width=40, height=20, label="Fravær") == (
        '<svg class="chart chart-x" viewBox="0 0 40 20" width="40" height="20" role="img" '
        'aria-label="Fravær" xmlns="http://www.w3.org/2000/svg">'
        '<circle cx="1" cy="1" r="1" fill="#1d2a2a"/></svg>'
    )


def test_a_description_makes_title_and_desc_named_by_aria_labelledby():
    html = lib.svg(
        [DOT],
        css_class="wheel",
        width=600,
        height=600,
        sized=False,
        label="Årshjul 2025",
        description="Fire kvartaler.",
        label_id="t-2025",
        description_id="d-2025",
    )
    assert html == (
        '<svg class="wheel" viewBox="0 0 600 600" role="img" aria-labelledby="t-2025 d-2025" '
        'xmlns="http://www.w3.org/2000/svg"><title id="t-2025">Årshjul 2025</title>'
        '<desc id="d-2025">Fire kvartaler.</desc><circle cx="1" cy="1" r="1" fill="#1d2a2a"/>'
        "</svg>"
    )


def test_the_view_box_may_start_lower_and_the_font_be_set():
    html = lib.svg(
        [], css_class="c", width=10, height=5, top=18, label="x", font_family="sans-serif"
    )
    assert html.startswith('<svg class="c" viewBox="0 18 10 5" width="10" height="5" role="img"')
    assert html.endswith('xmlns="http://www.w3.org/2000/svg" font-family="sans-serif"></svg>')


def test_every_text_is_escaped_and_only_safe_parts_pass_as_markup():
    html = lib.svg(
        ['<script>alert("x")</script>', DOT],  # type: ignore[list-item]
        css_class='c" onload="x',
        width=1,
        height=1,
        label="<b>& co</b>",
    )
    assert isinstance(html, SafeString)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'class="c&quot; onload=&quot;x"' in html
    assert 'aria-label="&lt;b&gt;&amp; co&lt;/b&gt;"' in html
    assert '<circle cx="1"' in html


def test_the_palette_keeps_the_apps_colours():
    assert (lib.INK, lib.MUTED, lib.GRID, lib.BRAND, lib.WHITE) == (
        "#1d2a2a",
        "#5c6b6b",
        "#c9d2d1",
        "#0b5f57",
        "#ffffff",
    )
