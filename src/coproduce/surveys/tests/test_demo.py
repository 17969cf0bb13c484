"""The demo's Tackley Top Ten: the seed's services as options, illustrative paper responses
that write nothing to the record, a closed survey."""

from typing import Any

from coproduce.portal.demo import run_demo
from coproduce.surveys.demo import FORMS, SERVICES, TITLE
from coproduce.surveys.models import Survey


def test_the_demo_loads_the_tackley_top_ten_as_illustrative(db: Any) -> None:
    run_demo()
    survey = Survey.objects.get(title=TITLE)
    assert (survey.status, survey.illustrative, survey.purpose) == ("closed", True, "needs")
    assert survey.questions.get().options == SERVICES
    assert survey.responses.filter(illustrative=True, paper=True).count() == len(FORMS) == 6
    assert not survey.initiative.contributions.filter(source_type__model="response").exists()
