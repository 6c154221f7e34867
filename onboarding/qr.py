"""QR codes as inline SVG, made by segno (no image file, no third-party request)."""

import segno


def inline_svg(data: str, *, title: str) -> str:
    qr = segno.make(data, error="m")
    return qr.svg_inline(scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="qr", lineclass=None)
