"""Results: counts and percentages per option, a rating's distribution and (from 5
answers) mean, rankings by Borda and Schulze, the equality breakdown with groups under 5
withheld, free text for coordinators only, and the CSV without names or equality answers."""

import random

import pytest

from conftest import World
from coproduce.surveys import selectors, services
from coproduce.surveys.models import Answer
from coproduce.surveys.ranking import rank

from .conftest import BUS, CAFE, SHOP, Built, answer, members


def _by_question(built: Built, with_text: bool = False) -> dict[int, selectors.QuestionResult]:
    return {r.question.pk: r for r in selectors.results(built.survey, with_text=with_text)}


def test_counts_percentages_and_a_ratings_distribution_and_mean(world: World, built: Built) -> None:
    people = members(world, 5)
    for person, (need, extras, stars) in zip(
        people,
        [
            (SHOP, [BUS], 5),
            (SHOP, [BUS, CAFE], 4),
            (CAFE, [], 4),
            (SHOP, [CAFE], 2),
            (CAFE, [BUS], 3),
        ],
        strict=True,
    ):
        answer(built, person, need=need, extras=extras, rating=stars)
    found = _by_question(built)
    chosen = found[built.need.pk]
    assert chosen.respondents == 5
    assert [(o.label, o.count, o.percent) for o in chosen.options] == [
        (SHOP, 3, 60.0),
        (BUS, 0, 0.0),
        (CAFE, 2, 40.0),
    ]
    more = found[built.extras.pk]
    assert more.respondents == 4
    assert [(o.count, o.percent) for o in more.options] == [(0, 0.0), (3, 75.0), (2, 50.0)]
    rated = found[built.rating.pk]
    assert rated.distribution == [(1, 0), (2, 1), (3, 1), (4, 2), (5, 1)]
    assert (rated.mean, rated.lowest, rated.highest) == (3.6, 2, 5)


def test_a_mean_of_fewer_than_five_answers_is_not_given(world: World, built: Built) -> None:
    for person, hours in zip(members(world, 4), [1, 2, 3, 40], strict=True):
        answer(built, person, hours=hours)
    given = _by_question(built)[built.hours.pk]
    assert (given.respondents, given.mean, given.lowest, given.highest) == (4, None, None, None)


def test_ranking_ballots_are_each_responses_options_best_first(world: World, built: Built) -> None:
    for person, order in zip(
        members(world, 3), [[CAFE, SHOP], [SHOP, BUS], [CAFE, BUS]], strict=True
    ):
        answer(built, person, ranking=order)
    assert selectors.ranking_ballots(built.survey) == {
        built.ranking.pk: [[CAFE, SHOP], [SHOP, BUS], [CAFE, BUS]]
    }


def test_rankings_by_borda_and_schulze_with_the_pairwise_table(world: World, built: Built) -> None:
    for person, order in zip(
        members(world, 3), [[CAFE, SHOP], [SHOP, BUS], [CAFE, BUS]], strict=True
    ):
        answer(built, person, ranking=order)
    ranking = _by_question(built)[built.ranking.pk]
    assert ranking.ranking_error == ""
    assert ranking.ranking["borda"].order[0] == [CAFE]
    assert ranking.ranking["schulze"].order[0] == [CAFE]
    assert ranking.pairwise_names[0] == CAFE
    assert ranking.ranking["schulze"].pairwise[CAFE][BUS] == 2


def test_free_text_is_given_only_with_text(world: World, built: Built) -> None:
    answer(built, world.member, comment="The bus is late")
    assert _by_question(built, with_text=True)[built.comment.pk].texts == ["The bus is late"]
    assert _by_question(built)[built.comment.pk].texts == []


def test_free_text_is_listed_alphabetically_not_in_the_order_it_came(
    world: World, built: Built
) -> None:
    """In the order the answers came, each text could be matched to its CSV row and so
    to when it came; alphabetical order (whatever the capitals) tells nothing."""
    for person, comment in zip(
        members(world, 4), ["zebra crossing", "Bus shelter", "another bench", "Cafe"], strict=True
    ):
        answer(built, person, comment=comment)
    assert _by_question(built, with_text=True)[built.comment.pk].texts == [
        "another bench",
        "Bus shelter",
        "Cafe",
        "zebra crossing",
    ]


def test_a_breakdown_by_an_equality_answer_withholds_groups_under_five(
    world: World, built: Built
) -> None:
    for person in members(world, 5, "young"):
        answer(built, person, need=CAFE, age="16 to 24", consent=True)
    for person in members(world, 4, "older"):
        answer(built, person, need=SHOP, age="65 to 74", consent=True)
    rows = {row.group: row for row in selectors.breakdown(built.need, built.age)}
    assert (rows["16 to 24"].respondents, rows["16 to 24"].counts) == (5, [0, 0, 5])
    assert (rows["65 to 74"].respondents, rows["65 to 74"].counts) == (None, None)


def test_the_csv_has_one_row_per_response_without_names_or_equality_answers(
    world: World, built: Built
) -> None:
    answer(
        built,
        world.member,
        need=BUS,
        why_bus="=HYPERLINK(1)",
        extras=[SHOP, CAFE],
        age="25 to 34",
        consent=True,
    )
    rows = list(selectors.answer_rows(built.survey))
    assert rows[0] == [
        "response",
        "paper",
        "What is most missing?",
        "Where should the bus go?",
        "What else?",
        "How good is the village now?",
        "Put the top two in order",
        "Hours you could give a month",
        "Anything else?",
    ]
    assert rows[1] == [1, "no", BUS, "=HYPERLINK(1)", f"{SHOP}; {CAFE}", "", "", "", ""]
    assert len(rows) == 2


def test_equality_answers_are_counted_only_in_groups_of_five(world: World, built: Built) -> None:
    for person in members(world, 5, "young"):
        answer(built, person, age="16 to 24", consent=True)
    answer(built, world.member, age="65 to 74", consent=True)
    age = _by_question(built)[built.age.pk]
    shown = {o.label: (o.count, o.percent) for o in age.options}
    assert shown["16 to 24"] == (5, 83.3)
    assert shown["65 to 74"] == (None, None)
    assert shown["25 to 34"] == (None, None)


def test_one_small_group_hides_the_next_smallest_too(world: World, built: Built) -> None:
    """Five in each age band but one person in the last: with the last alone withheld,
    the respondents shown minus the groups shown would give that one person's answers."""
    bands = built.age.options
    for n, band in enumerate(bands[:-1]):
        for person in members(world, 5, f"band{n}-"):
            answer(built, person, need=CAFE if n % 2 else SHOP, age=band, consent=True)
    (alone,) = members(world, 1, "alone")
    answer(built, alone, need=CAFE, age=bands[-1], consent=True)
    age = _by_question(built)[built.age.pk]
    assert age.respondents == 36
    shown = {o.label: o.count for o in age.options}
    assert shown == {**{band: 5 for band in bands[1:-1]}, bands[0]: None, bands[-1]: None}
    rows = {row.group: row for row in selectors.breakdown(built.need, built.age)}
    assert (rows[bands[-1]].respondents, rows[bands[-1]].counts) == (None, None)
    assert (rows[bands[0]].respondents, rows[bands[0]].counts) == (None, None)
    assert rows[bands[1]].respondents == 5


def test_answers_stored_before_multiple_choices_were_numbered_count_each_respondent_once(
    world: World, built: Built
) -> None:
    """Rows of a multiple choice without numbers (as stored before they were numbered) are
    counted by respondent, not by row."""
    for member in members(world, 2):
        answer(built, member, extras=[SHOP, BUS])
    Answer.objects.filter(question=built.extras).update(number=None)
    found = {r.question.pk: r for r in selectors.results(built.survey, with_text=False)}
    extras = found[built.extras.pk]
    assert extras.respondents == 2
    assert [(o.label, o.count, o.percent) for o in extras.options] == [
        (SHOP, 2, 100.0),
        (BUS, 2, 100.0),
        (CAFE, 0, 0.0),
    ]


def test_a_ranking_of_more_options_than_fit_one_number_is_read_ballot_by_ballot(
    world: World,
) -> None:
    """Up to 15 options a ballot is packed into one number; 16 are read another way, and
    both give what the engine gives from the ballots' names."""
    labels = [f"Need {n:02}" for n in range(16)]
    survey = services.survey_create(
        actor=world.coordinator, initiative=world.initiative, title="Long", purpose="needs"
    )
    question = services.question_add(
        actor=world.coordinator, survey=survey, kind="ranking", text="Order", options=labels
    )
    survey = services.survey_set_status(actor=world.coordinator, survey=survey, status="open")
    ballots = [labels[::-1], labels[3:] + labels[:3], labels[::-1]]
    for member, ballot in zip(members(world, 3), ballots, strict=True):
        services.response_submit(actor=member, survey=survey, answers={f"q{question.pk}": ballot})
    (found,) = selectors.results(survey, with_text=False)
    for method in ("borda", "schulze"):
        expected = rank(ballots, labels, method)
        assert found.ranking[method].order == expected.order
        assert found.ranking[method].scores == expected.scores
        assert found.ranking[method].pairwise == expected.pairwise
    assert found.respondents == 3


def test_the_csv_rows_come_in_an_order_drawn_for_each_download(
    world: World, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the order the responses came, whoever knows who answered when could name each
    row; each download draws its own order instead, and numbers the rows in it."""
    people = members(world, 12, "late")
    for n, person in enumerate(people):
        answer(built, person, comment=f"remark {n}")
    came = [f"remark {n}" for n in range(12)]
    drawn = list(came)
    random.Random(5).shuffle(drawn)
    assert drawn != came  # the seed draws another order
    monkeypatch.setattr(selectors, "ROW_SHUFFLE", random.Random(5))
    rows = list(selectors.answer_rows(built.survey))[1:]
    assert [row[-1] for row in rows] == drawn
    assert [row[0] for row in rows] == list(range(1, 13))
    monkeypatch.setattr(selectors, "ROW_SHUFFLE", random.Random(6))
    redrawn = list(came)
    random.Random(6).shuffle(redrawn)
    assert redrawn != drawn
    assert [row[-1] for row in list(selectors.answer_rows(built.survey))[1:]] == redrawn
