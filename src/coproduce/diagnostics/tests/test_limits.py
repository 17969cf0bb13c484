"""The diagnostics' pages and downloads are limited per client, as the API is."""

from django.test import Client, override_settings

from conftest import World


@override_settings(RATELIMIT_DIAGNOSTICS="3/m")
def test_a_client_gets_so_many_readings_a_minute_then_429(world: World, client: Client) -> None:
    slug = world.initiative.slug
    urls = [
        f"/initiatives/{slug}/diagnostics/",
        f"/initiatives/{slug}/diagnostics/report.json",
        "/diagnostics/",
    ]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    assert client.get("/diagnostics/portfolio.csv").status_code == 429
    assert client.get(f"/initiatives/{slug}/diagnostics/report/").status_code == 429
    assert client.get(f"/initiatives/{slug}/").status_code == 200  # other pages are not counted
