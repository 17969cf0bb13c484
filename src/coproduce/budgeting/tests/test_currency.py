"""A process counts money in its own currency: an election imported from a .pb file in euros
shows euros, one made here shows pounds, and a file with a currency code that is not one
imports nothing."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from conftest import World
from coproduce.budgeting.models import Process
from coproduce.core.templatetags.coproduce import money

EURO_FILE = (
    "META\nkey;value\ndescription;A small town's vote\ncurrency;{currency}\nbudget;1500\n"
    "vote_type;approval\nPROJECTS\nproject_id;cost;name\na;1000;Fountain\nb;450.5;Benches\n"
    "VOTES\nvoter_id;vote\n1;a,b\n2;a\n"
)


@pytest.mark.parametrize(
    ("cents", "currency", "written"),
    [
        (123_450, "GBP", "£1,234.50"),
        (-5, "EUR", "-€0.05"),
        (3000, "PLN", "30.00 PLN"),
        (0, "EUR", "–"),
    ],
)
def test_money_is_written_in_its_currency(cents: int, currency: str, written: str) -> None:
    assert money(cents, currency) == written


def _import(world: World, tmp_path: Path, currency: str) -> None:
    file = tmp_path / "town.pb"
    file.write_text(EURO_FILE.format(currency=currency), encoding="utf-8")
    call_command("pb", "import", str(file), "--initiative", world.initiative.slug, "--as", "coord")


def test_an_imported_election_in_euros_shows_euros(
    world: World, tmp_path: Path, client: Client
) -> None:
    _import(world, tmp_path, "eur")
    process = Process.objects.get()
    assert process.currency == "EUR"
    budget = process.budgets.get()
    page = client.get(f"/pb/{process.pk}/").content.decode()
    assert f'<h2 id="budget-{budget.pk}">' in page and ": €1,500.00</h2>" in page
    assert "€450.50" in page and "£" not in page.split("<main")[1]
    results = client.get(f"/pb/budgets/{budget.pk}/results/").content.decode()
    assert "€1,450.50 of €1,500.00 allocated" in results


def test_a_currency_that_is_not_a_code_imports_nothing(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"The currency in META must be a code such as EUR\."):
        _import(world, tmp_path, "euros")
    assert Process.objects.count() == 0


def test_a_process_made_here_counts_in_pounds(world: World) -> None:
    assert Process._meta.get_field("currency").default == "GBP"
