"""QR codes as inline SVG, made by segno (no image file, no third-party request)."""

import segno


def inline_svg(data: str, *, title: str, for_print: bool = False) -> str:
    """On screen, a fixed mask: every mask gives a valid code, and choosing the best one (for worn or badly printed
    paper) costs about 10 ms of pure Python on each request. Codes made to be printed keep the best mask."""
    qr = segno.make(data, error="m", mask=None if for_print else 0)
    return qr.svg_inline(scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="qr", lineclass=None)
