"""The QR code on the wall screen, drawn as inline SVG by segno (no image file, no network)."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=256)
def qr_svg(url: str) -> str:
    """An <svg> element for `url`: dark modules on white, scalable by CSS (no fixed size)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        border=2,
        dark="#000",
        light="#fff",
        svgclass="qr-code",  # not "qr": that is the two-factor page's box (margins)
        lineclass=None,
        title=None,
    )
    return buffer.getvalue().decode()
