"""Altering a token the way a test means it: one character changed where every bit of it counts.

Not at the very end: base64 may leave the last character's low bits unused (a Fernet token, whose length is rarely a
multiple of three bytes), so that two different last characters can decode to the same bytes. Replacing the last two
characters of her parcours link with "xx" let through one link in 263 (measured over 20,000 tokens), and failed a CI
run once. Eight characters from the end is inside the signature of every token the site makes (Fernet's HMAC, 32
bytes; Django's signatures, 43 characters)."""

FROM_THE_END = 8


def altered(token: str) -> str:
    at = len(token) - FROM_THE_END
    return token[:at] + ("A" if token[at] != "A" else "B") + token[at + 1 :]
