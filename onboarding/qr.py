"""QR codes in SVG, made by segno on our server (no image file, no third-party request)."""

import io

import segno


def inline_svg(data: str, *, title: str, for_print: bool = False) -> str:
    """On screen, a fixed mask: every mask gives a valid code, and choosing the best one (for worn or badly printed
    paper) costs about 10 ms of pure Python on each request. Codes made to be printed keep the best mask."""
    qr = segno.make(data, error="m", mask=None if for_print else 0)
    return qr.svg_inline(scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="qr", lineclass=None)


def svg_document(data: str, *, title: str) -> bytes:
    """The same code as a standalone SVG image, for an <img> served by the site: the page that shows it does not
    spend its own time drawing it (about 10 ms of pure Python)."""
    out = io.BytesIO()
    segno.make(data, error="m", mask=0).save(out, kind="svg", scale=4, border=4, dark="#000", light="#fff", title=title)
    return out.getvalue()
