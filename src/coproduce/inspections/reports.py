"""What a published report and an appraisal show, for the page and its CSV alike: the
answers, findings, recommendations and responses, and only the inspectors who chose to be
named."""

from typing import Any

from coproduce.inspections import selectors
from coproduce.inspections.models import Checklist, Visit


def report_context(visit: Visit) -> dict[str, Any]:
    team = selectors.team_of(visit)
    return {
        "visit": visit,
        "answers": selectors.visit_answers(visit),
        "findings": visit.findings.prefetch_related("evidence"),
        "recommendations": selectors.recommendations_of(visit),
        "checks": visit.action_checks.select_related("response__recommendation"),
        "named": [str(m.person) for m in team if m.named],
        "unnamed": sum(1 for m in team if not m.named),
    }


def report_rows(visit: Visit) -> list[list[Any]]:
    found = report_context(visit)
    rows: list[list[Any]] = [["section", "item", "detail", "answer or severity", "response"]]
    rows.append(["visit", visit.place, f"{visit.visit_on:%Y-%m-%d}", visit.checklist.title, ""])
    names = ", ".join(found["named"])
    rows.append(["inspectors", names, f"{found['unnamed']} not named", "", ""])
    for theme, answers in found["answers"]:
        for question, answer in answers:
            rows.append(["answer", theme, question.text, answer, ""])
    for finding in found["findings"]:
        rows.append(["finding", finding.text, "", finding.get_severity_display(), ""])
    for recommendation in found["recommendations"]:
        response = getattr(recommendation, "response", None)
        if response is None:
            answered = ""
        elif response.accepted:
            answered = f"Accepted: {response.action} (due {response.due_on:%Y-%m-%d})"
        else:
            answered = f"Rejected: {response.reasons}"
        rows.append(["recommendation", recommendation.text, "", "", answered])
    for check in found["checks"]:
        rows.append(
            [
                "follow-up",
                check.response.recommendation.text,
                check.note,
                "done" if check.done else "not done",
                "",
            ]
        )
    return rows


def appraisal_rows(checklist: Checklist) -> list[list[Any]]:
    """The appraisal's summary by theme, one row a question (and one a text answer)."""
    rows: list[list[Any]] = [
        ["theme", "question", "kind", "answered", "distribution", "mean", "lowest", "highest"]
    ]
    for theme, summaries in selectors.summary(checklist, with_text=True):
        for s in summaries:
            distribution = "; ".join(f"{label}: {n}" for label, n in s.distribution)
            rows.append(
                [
                    theme,
                    s.question.text,
                    s.question.kind,
                    s.answered,
                    distribution,
                    s.mean,
                    s.lowest,
                    s.highest,
                ]
            )
            rows.extend(
                [theme, s.question.text, "text answer", "", text, "", "", ""] for text in s.texts
            )
    return rows
