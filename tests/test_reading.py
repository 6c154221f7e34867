"""Lecture confortable: chosen without JavaScript, kept in its own cookie, applied by /lecture.css while the pages
stay the same for every visitor (the shared page cache keeps them)."""

import pytest

from guichet.reading import COOKIE_NAME

pytestmark = pytest.mark.django_db


def test_she_turns_comfortable_reading_on_and_off_and_goes_back_where_she_was(client):
    home = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/lecture.css">' in home
    assert '<a href="/lecture/">Lecture confortable</a>' in home
    page = client.get("/lecture/", headers={"Referer": "http://testserver/ressources/"}).content.decode()
    assert "En ce moment : lecture normale" in page and 'name="next" value="/ressources/"' in page

    response = client.post("/lecture/", {"lecture": "confort", "next": "/ressources/"})
    assert response.status_code == 302 and response["Location"] == "/ressources/"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "confort" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 300 * 24 * 3600
    assert "En ce moment : lecture confortable" in client.get("/lecture/").content.decode()
    css = client.get("/lecture.css")
    assert "html { font-size: 125%; }" in css.content.decode() and "line-height: 1.8" in css.content.decode()

    response = client.post("/lecture/", {"lecture": "normale"})
    assert response["Location"] == "/lecture/" and response.cookies[COOKIE_NAME].value == ""
    assert "font-size" not in client.get("/lecture.css").content.decode()


def test_the_stylesheet_is_private_revalidated_and_cheap(client):
    first = client.get("/lecture.css")
    assert first["Cache-Control"] == "private, no-cache" and first["Vary"] == "Cookie"
    again = client.get("/lecture.css", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    client.cookies[COOKIE_NAME] = "confort"
    assert client.get("/lecture.css", headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_pages_do_not_vary_with_the_choice(client):
    """The page is the same whatever the choice: a visitor without cookies is served the shared cached page, and
    the choice reaches her through the stylesheet only."""
    plain = client.get("/ressources/")
    client.cookies[COOKIE_NAME] = "confort"
    comfortable = client.get("/ressources/")
    assert plain.content == comfortable.content


def test_only_a_path_of_this_site_is_followed_back(client):
    for target in ("https://ailleurs.example/", "//ailleurs.example/", "javascript:alert(1)"):
        response = client.post("/lecture/", {"lecture": "confort", "next": target})
        assert response["Location"] == "/lecture/", target
    for headers in ({"Referer": "https://ailleurs.example/page/"}, {}):
        page = client.get("/lecture/?next=https://ailleurs.example/", headers=headers).content.decode()
        assert "ailleurs.example" not in page and 'name="next"' not in page
