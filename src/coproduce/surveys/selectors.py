"""Reads for surveys. A survey's results come from two grouped scans of its answers (counts
by question, option and number; respondents by question), rankings from the ranked rows
in order, and free text for coordinators; nothing here returns who gave an answer except
the asset list, which is for members (ADR 0035)."""

import json
import random
import secrets
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np
from django.db import connection
from django.db.models import Count, OuterRef, QuerySet, Subquery

from coproduce.budgeting.models import Budget, Phase, Process
from coproduce.core import charts
from coproduce.core.numbers import rounded
from coproduce.core.queries import RowReader, as_id, row_lock, select_clause
from coproduce.equality.figures import withheld
from coproduce.initiatives.models import Initiative, Stage
from coproduce.surveys.models import (
    MIN_GROUP,
    SCALE_KINDS,
    TEXT_KINDS,
    Answer,
    Purpose,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
)
from coproduce.surveys.ranking import RankingError, positions_of, rank, rank_positions


def surveys_shown(
    initiative: Initiative, *, drafts: bool, counted: bool = True
) -> QuerySet[Survey]:
    """The initiative's surveys the reader may see; ``counted``: with ``response_count``
    (a count over every response of them, which the API does not show)."""
    found = Survey.objects.filter(initiative=initiative)
    if counted:
        found = found.annotate(response_count=Count("responses", distinct=True))
    return found if drafts else found.exclude(status=SurveyStatus.DRAFT)


_SURVEY, _STAGE = RowReader(Survey), RowReader(Stage)
# Every page and API request about one survey (each response) starts here: one statement
# in SQL, as the initiative by its slug is (ADR 0017).
SURVEY_IN = select_clause((_SURVEY, "s"), (_STAGE, "st")) + (
    " FROM surveys_survey s JOIN initiatives_stage st ON st.id = s.stage_id"
    " WHERE s.initiative_id = %s AND s.id = %s"
)


def survey_in(initiative: Initiative, pk: Any) -> Survey | None:
    """The initiative's survey ``pk`` (a number from a URL) with its stage, or None."""
    number = as_id(pk)
    if number is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(SURVEY_IN, [initiative.pk, number])
        row = cursor.fetchone()
    if row is None:
        return None
    survey = _SURVEY.read(row)
    survey.stage = _STAGE.read(row, _SURVEY.width)
    survey.initiative = initiative  # the one already read, with the reader's standing
    return survey


class AskedQuestion(NamedTuple):
    """What checking an answer needs of a question. Every response reads all its survey's
    questions: plain tuples, not model instances."""

    pk: int
    kind: str
    required: bool
    options: list[str]
    most: int | None
    low: int | None
    high: int | None
    shown_if_id: int | None
    shown_if_option: int | None


# Every response is checked against its survey's questions, read here only while the
# survey is open: one statement, as SQL (ADR 0017). A survey with no questions gives one
# row of nulls; a survey not open (or not there) gives none.
OPEN_QUESTIONS = (
    "SELECT q.id, q.kind, q.required, q.options, q.most, q.low, q.high, q.shown_if_id,"
    " q.shown_if_option FROM surveys_survey s LEFT JOIN surveys_question q"
    " ON q.survey_id = s.id WHERE s.id = %s AND s.status = %s ORDER BY q.position, q.id"
)


def open_questions(survey: Survey) -> list[AskedQuestion] | None:
    """The survey's questions in order, if the database says it is open now (not the
    object, which may be old); None if it is not. On PostgreSQL the survey's row is held
    (``FOR KEY SHARE``) until the response commits, so closing it (which locks the row for
    update) waits for the responses in flight, and a response after the close is refused."""
    with connection.cursor() as cursor:
        cursor.execute(
            OPEN_QUESTIONS + row_lock(" FOR KEY SHARE OF s"), [survey.pk, SurveyStatus.OPEN.value]
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    return [
        AskedQuestion(
            pk,
            kind,
            bool(required),
            json.loads(options) if isinstance(options, str) else options,
            *rest,
        )
        for pk, kind, required, options, *rest in rows
        if pk is not None
    ]


def own_response(user: Any, survey: Survey) -> Response | None:
    if not user.is_authenticated:
        return None
    return Response.objects.filter(survey=survey, respondent=f"person:{user.pk}").first()


# The reply to every response reads its answers back: one statement, as SQL (ADR 0017).
GIVEN_ANSWERS = """
SELECT a.question_id, a.option, a.number, a.text, q.kind, q.options
FROM surveys_answer a JOIN surveys_question q ON q.id = a.question_id
WHERE a.response_id = %s
ORDER BY a.question_id, a.number, a.id
"""


def given_answers(response: Response | None) -> dict[str, Any]:
    """A response's answers as a form's initial values (option labels, numbers, text)."""
    if response is None:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(GIVEN_ANSWERS, [response.pk])
        rows = cursor.fetchall()
    options_field = Question._meta.get_field("options")
    column = options_field.get_col(Question._meta.db_table)
    labels: dict[int, list[str]] = {}
    values: dict[str, Any] = {}
    for question_id, option, number, text, kind, options in rows:
        key = f"q{question_id}"
        if option is not None:
            if question_id not in labels:
                labels[question_id] = options_field.from_db_value(options, column, connection)
            label = labels[question_id][option]
            if kind in (QuestionKind.MULTIPLE, QuestionKind.RANKING):
                values.setdefault(key, []).append(label)
            else:
                values[key] = label
        elif kind in SCALE_KINDS:
            values[key] = number
        else:
            values[key] = text
    return values


@dataclass
class OptionResult:
    label: str
    count: int | None  # None: an equality group of fewer than MIN_GROUP, not shown
    percent: float | None


@dataclass
class QuestionResult:
    question: Question
    respondents: int = 0
    options: list[OptionResult] = field(default_factory=list)
    distribution: list[tuple[int, int]] = field(default_factory=list)
    mean: float | None = None
    lowest: int | None = None
    highest: int | None = None
    ranking: Any = None  # ranking.RankResult per method, or None
    ranking_error: str = ""
    texts: list[str] = field(default_factory=list)
    # Schulze's pairwise counts as table rows, options in the ranking's order
    pairwise_names: list[str] = field(default_factory=list)
    pairwise_rows: list[tuple[str, list[int | None]]] = field(default_factory=list)
    chart: list[charts.Bar] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        """A number's mean and range are shown from MIN_GROUP answers (one would be that
        person's number)."""
        return self.respondents < MIN_GROUP


def _percent(count: int, of: int) -> float | None:
    return rounded(Fraction(count * 100, of), 1) if of else None


def _shown(option: OptionResult) -> str:
    if option.count is None:
        return f"fewer than {MIN_GROUP}"
    return f"{option.count} ({option.percent or 0:g}%)"


def _option_results(result: QuestionResult, counts: dict[int, int]) -> None:
    q = result.question
    result.options = [
        OptionResult(label, counts.get(i, 0), _percent(counts.get(i, 0), result.respondents))
        for i, label in enumerate(q.options)
    ]
    if q.kind == QuestionKind.EQUALITY:  # groups of 5 or more only, none worked out (ADR 0027)
        hidden = withheld({i: o.count or 0 for i, o in enumerate(result.options)})
        result.options = [
            OptionResult(o.label, None, None) if i in hidden else o
            for i, o in enumerate(result.options)
        ]
    result.chart = charts.bars((o.label, o.count or 0, _shown(o), False) for o in result.options)


def _scale_results(result: QuestionResult, numbers: dict[int, int]) -> None:
    q = result.question
    total = sum(numbers.values())
    if q.kind == QuestionKind.RATING and q.low is not None and q.high is not None:
        result.distribution = [(n, numbers.get(n, 0)) for n in range(q.low, q.high + 1)]
        result.chart = charts.bars((str(n), c, str(c), False) for n, c in result.distribution)
    if total >= MIN_GROUP:
        result.mean = rounded(Fraction(sum(n * c for n, c in numbers.items()), total), 2)
        result.lowest, result.highest = min(numbers), max(numbers)


def ranking_ballots(survey: Survey) -> dict[int, list[list[str]]]:
    """Each ranking question's ballots: every response's options, best first."""
    options = {q.pk: q.options for q in survey.questions.filter(kind=QuestionKind.RANKING)}
    rows = (
        Answer.objects.filter(survey=survey, question_id__in=list(options))
        .order_by("question_id", "response_id", "number")
        .values_list("question_id", "response_id", "option")
    )
    ballots: dict[int, list[list[str]]] = defaultdict(list)
    last: tuple[int, int] | None = None
    for question_id, response_id, option in rows.iterator(chunk_size=5000):
        if (question_id, response_id) != last:
            ballots[question_id].append([])
            last = (question_id, response_id)
        ballots[question_id][-1].append(options[question_id][option])
    return ballots


def rank_ballots(ballots: list[list[str]], options: list[str]) -> tuple[dict[str, Any], str]:
    """Borda and Schulze results of the ballots (the ranking engine's), or why there are none."""
    try:
        return {m: rank(ballots, options, m) for m in ("borda", "schulze")}, ""
    except RankingError as error:
        return {}, str(error)


def rank_matrix(positions: Any, options: list[str]) -> tuple[dict[str, Any], str]:
    """Borda and Schulze results of a places matrix (the same engine as ``rank_ballots``)."""
    try:
        return {m: rank_positions(positions, options, m) for m in ("borda", "schulze")}, ""
    except RankingError as error:
        return {}, str(error)


def _pairwise_table(result: QuestionResult) -> None:
    schulze = (result.ranking or {}).get("schulze")
    if schulze is None or not schulze.pairwise:
        return
    names = list(schulze.pairwise)
    result.pairwise_names = names
    result.pairwise_rows = [
        (x, [None if x == y else schulze.pairwise[x][y] for y in names]) for x in names
    ]


# a ballot of at most this many options fits one 64-bit number: 4 bits a place (0 to 15)
PACKED_OPTIONS = 15


def ranking_positions(survey: Survey, options: dict[int, list[str]]) -> dict[int, Any]:
    """Each ranking question's ballots as a places matrix (a row a response, a column an
    option, 1 best, 0 unranked).

    With up to 15 options the database packs each ballot into one number, option i's place
    in bits 4i to 4i + 3 (``SUM(number << 4 * option)`` over the ballot's rows, one row an
    option), and counts the ballots alike, so 100,000 ballots come back as one row a
    different ballot. Longer ballots come as a string a ballot on PostgreSQL (a character
    an option, best first) or as rows elsewhere."""
    found: dict[int, Any] = {}
    with connection.cursor() as cursor:
        for qid, labels in options.items():
            count = len(labels)
            if count <= PACKED_OPTIONS:
                cursor.execute(
                    "SELECT packed, COUNT(*) FROM (SELECT SUM(number << (4 * option)) AS packed "
                    "FROM surveys_answer WHERE survey_id = %s AND question_id = %s "
                    "GROUP BY response_id) AS ballots GROUP BY packed",
                    [survey.pk, qid],
                )
                rows = cursor.fetchall()
                if rows:
                    packed = np.array([row[0] for row in rows], dtype=np.int64)
                    alike = np.array([row[1] for row in rows], dtype=np.int64)
                    shifts = 4 * np.arange(count, dtype=np.int64)
                    places = (packed[:, None] >> shifts[None, :]) & 15
                    found[qid] = np.repeat(places, alike, axis=0)
            elif connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT string_agg(chr(48 + option), '' ORDER BY number) "
                    "FROM surveys_answer WHERE survey_id = %s AND question_id = %s "
                    "GROUP BY response_id",
                    [survey.pk, qid],
                )
                strings: list[str] = [row[0] for row in cursor.fetchall()]
                if strings:
                    codes = np.frombuffer("".join(strings).encode("ascii"), dtype=np.uint8)
                    lengths = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings))
                    found[qid] = positions_of(codes.astype(np.int64) - 48, lengths, count)
    rest = [qid for qid in options if qid not in found and len(options[qid]) > PACKED_OPTIONS]
    if rest and connection.vendor != "postgresql":
        for qid, ballots in ranking_ballots(survey).items():
            if qid in rest:
                index = {label: i for i, label in enumerate(options[qid])}
                flat = np.fromiter((index[n] for b in ballots for n in b), dtype=np.int64)
                lengths = np.fromiter(map(len, ballots), dtype=np.int64, count=len(ballots))
                found[qid] = positions_of(flat, lengths, len(options[qid]))
    return found


def _choosers(survey: Survey, question_ids: list[int]) -> dict[int, int]:
    """Respondents to each multiple-choice question (a response may give several rows):
    the distinct (question, response) pairs among those questions' rows, counted."""
    if not question_ids:
        return {}
    marks = ", ".join(["%s"] * len(question_ids))  # placeholders only: no value in the SQL
    sql = (
        "SELECT question_id, COUNT(*) FROM (SELECT DISTINCT question_id, response_id "  # noqa: S608
        f"FROM surveys_answer WHERE survey_id = %s AND question_id IN ({marks})) AS pairs "
        "GROUP BY question_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [survey.pk, *question_ids])
        return dict(cursor.fetchall())


def results(survey: Survey, *, with_text: bool) -> list[QuestionResult]:
    """The results of every question, in order. Free text only ``with_text``.

    One grouped scan of the survey's answers but the rankings' (question, option, number:
    the counts) gives every count, distribution and number of respondents; each ranking is
    read as ballots (``ranking_positions``), which give its counts too; the free text in one
    more read."""
    questions = list(survey.questions.all())
    found = {q.pk: QuestionResult(q) for q in questions}
    option_counts: dict[int, dict[int, int]] = defaultdict(dict)
    number_counts: dict[int, dict[int, int]] = defaultdict(dict)
    first_places: dict[int, int] = defaultdict(int)
    rows: dict[int, int] = defaultdict(int)
    ranked = {q.pk: q.options for q in questions if q.kind == QuestionKind.RANKING}
    grouped = (
        Answer.objects.filter(survey=survey)
        .exclude(question_id__in=list(ranked))  # counted from the ballots below
        .values_list("question_id", "option", "number")
        .annotate(n=Count("id"))
        .order_by()
    )
    unnumbered: set[int] = set()
    for qid, option, number, n in grouped:
        rows[qid] += n
        if option is not None:
            counts = option_counts[qid]
            counts[option] = counts.get(option, 0) + n
            if number == 1:
                first_places[qid] += n
            elif number is None:
                unnumbered.add(qid)
        elif number is not None:
            number_counts[qid][number] = n
    kinds = {q.pk: q.kind for q in questions}
    # a ranking's or a multiple choice's rows are numbered 1, 2, … in the order given, so
    # each respondent has one row numbered 1; multiple choices kept unnumbered are counted
    chosen = [qid for qid in unnumbered if kinds[qid] == QuestionKind.MULTIPLE]
    choosers = _choosers(survey, chosen)
    for qid, result in found.items():
        if kinds[qid] == QuestionKind.MULTIPLE:
            result.respondents = choosers.get(qid, first_places[qid])
        else:
            result.respondents = rows[qid]  # one row a respondent
    positions = ranking_positions(survey, ranked) if ranked else {}
    for qid, places in positions.items():
        found[qid].respondents = len(places)
        placed = np.count_nonzero(places, axis=0).tolist()
        option_counts[qid] = {i: n for i, n in enumerate(placed) if n}
    texts: dict[int, list[str]] = defaultdict(list)
    written = [q.pk for q in questions if q.kind in TEXT_KINDS]
    if with_text and written:
        text_rows = (
            Answer.objects.filter(survey=survey, question_id__in=written)
            .exclude(text="")
            .order_by()
            .values_list("question_id", "text")
        )
        for qid, text in text_rows:
            texts[qid].append(text)
        # in the order the answers came, each text could be matched to its row in the CSV
        # (drawn afresh) and so to the time it came: alphabetical order tells nothing
        for answers in texts.values():
            answers.sort(key=str.casefold)
    for qid, result in found.items():
        q = result.question
        if q.kind in SCALE_KINDS:
            _scale_results(result, number_counts[qid])
        elif q.kind in TEXT_KINDS:
            result.texts = texts[qid]
        else:
            _option_results(result, option_counts[qid])
        if q.kind == QuestionKind.RANKING and qid in positions:
            result.ranking, result.ranking_error = rank_matrix(positions[qid], q.options)
            _pairwise_table(result)
    return list(found.values())


@dataclass
class BreakdownRow:
    group: str
    respondents: int | None  # None: fewer than MIN_GROUP, not shown
    counts: list[int] | None


def breakdown(question: Question, by: Question) -> list[BreakdownRow]:
    """The options chosen in ``question`` by each group of respondents' answer to the
    equality question ``by``; a group of fewer than MIN_GROUP respondents is not shown, nor,
    when that would leave one group alone unshown, the next smallest (ADR 0027)."""
    group_of = Answer.objects.filter(response=OuterRef("response"), question=by).values("option")[
        :1
    ]
    rows = (
        Answer.objects.filter(question=question)
        .annotate(group=Subquery(group_of))
        .exclude(group=None)
        .values("group", "option")
        .annotate(n=Count("id"), people=Count("response_id", distinct=True))
        .order_by()
    )
    sizes = dict(
        Answer.objects.filter(question=question)
        .annotate(group=Subquery(group_of))
        .exclude(group=None)
        .values("group")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("group", "n")
    )
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        if row["option"] is not None:
            counts[row["group"]][row["option"]] = row["n"]
    hidden = withheld({index: sizes.get(index, 0) for index in range(len(by.options))})
    table = []
    for index, label in enumerate(by.options):
        if index in hidden:
            table.append(BreakdownRow(label, None, None))
        else:
            shown = [counts[index].get(i, 0) for i in range(len(question.options))]
            table.append(BreakdownRow(label, sizes.get(index, 0), shown))
    return table


# The order of the coordinators' CSV, drawn again for every download: in the order the
# responses came, each row could be named by whoever knows who answered when.
ROW_SHUFFLE: random.Random = secrets.SystemRandom()
RESPONSES_AT_ONCE = 1000


def answer_rows(survey: Survey) -> Iterator[list[Any]]:
    """The answers one row per response (for the coordinators' CSV), in a random order
    drawn for each download: a row number, how it came (online, code, paper) and each
    question's answer. Equality answers are left out (they are read in aggregate only); no
    respondent is named."""
    questions = [q for q in survey.questions.all() if q.kind != QuestionKind.EQUALITY]
    yield ["response", "paper", *[q.text for q in questions]]
    options = {q.pk: q.options for q in questions}
    responses = list(
        Response.objects.filter(survey=survey).order_by("pk").values_list("pk", "paper")
    )
    ROW_SHUFFLE.shuffle(responses)
    for start in range(0, len(responses), RESPONSES_AT_ONCE):
        batch = responses[start : start + RESPONSES_AT_ONCE]
        given: dict[int, dict[int, list[str]]] = {pk: {} for pk, _ in batch}
        rows = (
            Answer.objects.filter(response_id__in=given)
            .exclude(question__kind=QuestionKind.EQUALITY)
            .order_by("response_id", "question_id", "number", "id")
            .values_list("response_id", "question_id", "option", "number", "text")
        )
        for response_id, qid, option, value, text in rows:
            shown = (
                options[qid][option]
                if option is not None
                else (str(value) if value is not None else text)
            )
            given[response_id].setdefault(qid, []).append(shown)
        for number, (pk, paper) in enumerate(batch, start=start + 1):
            answers = given[pk]
            yield [
                number,
                "yes" if paper else "no",
                *["; ".join(answers.get(q.pk, [])) for q in questions],
            ]


@dataclass(frozen=True)
class Offer:
    person_id: int
    name: str
    kind: str
    offer: str
    survey: str


def asset_offers(initiative: Initiative, *, words: str = "", kind: str = "") -> list[Offer]:
    """What members said they offer in the initiative's assets surveys (skills, hours a
    month, equipment, space), by the people still active in it; ``words`` searches the
    offers. Responses by code, link without account or on paper name no one and are absent."""
    found = (
        Answer.objects.filter(
            survey__initiative=initiative,
            survey__purpose=Purpose.ASSETS,
            response__person__isnull=False,
            response__person__memberships__initiative=initiative,
            response__person__memberships__status="active",
        )
        .exclude(question__asset_kind="")
        .select_related("question", "response__person", "survey")
        .order_by("response__person__display_name", "response__person_id", "question__position")
    )
    if kind:
        found = found.filter(question__asset_kind=kind)
    offers = []
    for row in found:
        q = row.question
        shown = (
            q.options[row.option]
            if row.option is not None
            else (f"{row.number} hours a month" if row.number is not None else row.text)
        )
        person = row.response.person
        assert person is not None  # the query keeps only responses with a person
        offers.append(
            Offer(person.pk, person.shown_name, q.get_asset_kind_display(), shown, row.survey.title)
        )
    if words:
        needle = words.strip().lower()
        offers = [o for o in offers if needle in o.offer.lower() or needle in o.kind.lower()]
    return offers


def people_offering(initiative: Initiative, words: str) -> list[int]:
    """Ids of the members who offered something matching ``words`` (a hook for
    volunteering or peer support to suggest people to ask)."""
    return sorted({offer.person_id for offer in asset_offers(initiative, words=words)})


def adoption_order(result: QuestionResult) -> list[str]:
    """A choice or ranking question's options best first, as its results order them: a
    ranking by its Borda count (tied options in the question's order), a choice by the
    people choosing each (ties in the question's order)."""
    borda = (result.ranking or {}).get("borda")
    if borda is not None:
        return [label for tier in borda.order for label in tier]
    counts = {o.label: o.count or 0 for o in result.options}
    options = result.question.options
    return sorted(options, key=lambda label: (-counts.get(label, 0), options.index(label)))


def budgets_taking_proposals(initiative: Initiative) -> QuerySet[Budget]:
    """The budgets of the initiative's PB processes now in their proposals phase."""
    return (
        Budget.objects.filter(process__initiative=initiative, process__phase=Phase.PROPOSALS)
        .select_related("process")
        .order_by("process__id", "id")
    )


def pb_processes(initiative: Initiative) -> QuerySet[Process]:
    return Process.objects.filter(initiative=initiative).order_by("-id")
