"""/sitemap.xml for search engines: the listing and every public entry of each kind of content (guichet.kinds). One
query per kind, whatever the number of entries; only the columns an address and its date need are read."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view

from guichet import kinds


class Listings(Sitemap):
    def items(self):
        return list(dict.fromkeys(kind.listing_url for kind in kinds.registered()))

    def location(self, url):
        return url


class Entries(Sitemap):
    def __init__(self, kind: kinds.ContentKind):
        self.kind = kind

    def items(self):
        return list(self.kind.public().only("pk", "slug", "updated_at").order_by("pk"))

    def lastmod(self, entry):
        return entry.updated_at


def sitemap(request):
    sitemaps = {"listes": Listings(), **{kind.key: Entries(kind) for kind in kinds.registered()}}
    return sitemap_view(request, sitemaps, template_name="guichet/sitemap.xml")
