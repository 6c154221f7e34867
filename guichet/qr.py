"""QR codes in SVG, made by segno on our server (no image file, no third-party request)."""

import io
from functools import lru_cache

import segno


def inline_svg(data: str, *, title: str, for_print: bool = False) -> str:
    """On screen, a fixed mask: every mask gives a valid code, and choosing the best one (for worn or badly printed
    paper) costs about 10 ms of pure Python on each request. Codes made to be printed keep the best mask."""
    qr = segno.make(data, error="m", mask=None if for_print else 0)
    return qr.svg_inline(scale=4, border=4, dark="#000", light="#fff", title=title, svgclass="qr", lineclass=None)


@lru_cache(maxsize=64)
def public_inline_svg(data: str, *, title: str, for_print: bool = False) -> str:
    """`inline_svg` for a public address (the questionnaire's, on the booklet and the field kit), drawn once per
    process: the best mask for paper costs about 13 ms. Never for a secret (an authenticator's key)."""
    return inline_svg(data, title=title, for_print=for_print)


def svg_document(data: str, *, title: str) -> bytes:
    """The same code as a standalone SVG image, for an <img> served by the site: the page that shows it does not
    spend its own time drawing it (about 10 ms of pure Python)."""
    out = io.BytesIO()
    segno.make(data, error="m", mask=0).save(out, kind="svg", scale=4, border=4, dark="#000", light="#fff", title=title)
    return out.getvalue()
