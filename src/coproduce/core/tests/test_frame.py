"""The frame every page shares: its icon is ours, served from our static files."""

from django.contrib.staticfiles import finders
from django.test import Client


def test_every_page_links_the_sites_icon(client: Client, db) -> None:
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/coproduce/favicon.svg" type="image/svg+xml">' in page
    icon = finders.find("coproduce/favicon.svg")
    assert icon is not None
    with open(icon, encoding="utf-8") as svg:
        assert svg.read().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
