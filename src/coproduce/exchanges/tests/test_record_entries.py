"""An exchange done enters the record through its door, traced back to the exchange; an
initiative without a co-performing stage gets one rather than losing the entry."""

from typing import Any

from django.apps import apps
from django.utils import timezone

from conftest import World
from coproduce.core.capabilities import Writes
from coproduce.core.vocabulary import StageKind
from coproduce.exchanges import services
from coproduce.exchanges.apps import ExchangesConfig
from coproduce.exchanges.models import Exchange
from coproduce.initiatives.models import Stage
from coproduce.record.models import Contribution
from coproduce.timecredits.apps import TimecreditsConfig


def agreed_lift(world: World, driver: Any, patient: Any, minutes: int) -> Exchange:
    lift = services.listing_add(
        actor=driver, initiative=world.initiative, kind="offer", title=f"Lift {minutes}"
    )
    exchange = services.exchange_propose(actor=patient, listing=lift, minutes=minutes)
    return services.exchange_answer(actor=driver, exchange=exchange, agree=True)


def test_an_exchange_done_without_a_co_performing_stage_adds_the_stage_and_the_entry(
    world: World, neighbours: tuple[Any, Any]
) -> None:
    driver, patient = neighbours
    assert list(world.initiative.stages.values_list("kind", flat=True)) == ["co_design"]
    today = timezone.localdate()
    done, made = services.exchange_confirm(
        actor=patient, exchange=agreed_lift(world, driver, patient, 40), done_on=today
    )
    stage = Stage.objects.get(initiative=world.initiative, kind=StageKind.CO_PERFORMING)
    assert (stage.status, stage.notes) == (
        "planned",
        "Added when the first entry of this stage was recorded.",
    )
    entry = Contribution.objects.get()
    assert (made, done.contribution) == (True, entry)
    assert Contribution.objects.values_list(
        "source_type__app_label", "source_type__model", "source_id"
    ).get() == (
        "exchanges",
        "exchange",
        done.pk,
    )
    assert entry.source == done
    assert (entry.stage, entry.contributor, entry.recorded_by, entry.side) == (
        stage,
        driver,
        patient,
        "citizen",
    )
    assert (entry.kind, entry.quantity, entry.unit, entry.paid) == ("time", 40, "minutes", False)
    assert (entry.occurred_on, entry.description) == (
        today,
        f"Exchange: Lift 40 on {today:%d %b %Y}",
    )


def test_a_second_exchange_uses_the_stage_the_first_added(
    world: World, neighbours: tuple[Any, Any]
) -> None:
    driver, patient = neighbours
    today = timezone.localdate()
    first, _ = services.exchange_confirm(
        actor=patient, exchange=agreed_lift(world, driver, patient, 30), done_on=today
    )
    second, _ = services.exchange_confirm(
        actor=patient, exchange=agreed_lift(world, driver, patient, 20), done_on=today
    )
    stage = Stage.objects.get(initiative=world.initiative, kind=StageKind.CO_PERFORMING)
    assert world.initiative.stages.count() == 2  # co-design and the co-performing added once
    assert [
        (entry.source_id, entry.stage_id, entry.quantity)
        for entry in Contribution.objects.order_by("pk")
    ] == [(first.pk, stage.pk, 30), (second.pk, stage.pk, 20)]


def test_the_capability_declares_the_source_it_stores() -> None:
    assert ExchangesConfig.capability.writes == (
        Writes(
            source="exchanges.Exchange",
            entry="contribution",
            stages=(StageKind.CO_PERFORMING,),
            kinds=("time",),
            summary="An exchange confirmed done by its receiver: the provider's time.",
        ),
    )
    assert apps.get_model("exchanges.Exchange") is Exchange
    assert TimecreditsConfig.capability.writes == ()
