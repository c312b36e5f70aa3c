"""The fall review: what it shows, and its one transition, open → closed.

A review's content is plain data (what the page, and later the board's report, show).
While the review is open it is built from the plan as it is now; closing stores it in
the review's record, and from then on the record is what is shown, whatever later
corrections are made to the results.
"""

from django.db import transaction
from django.utils import timezone

from measures import charts
from measures.progress import PlanProgress, plan_progress
from measures.status import WORST_FIRST, Status
from planning.models import Assessment, Plan, Review
from planning.tree import plan_tree


class ReviewClosed(Exception):
    pass


def content(review: Review, progress: PlanProgress | None = None) -> dict:
    """The review as shown: its record once closed, else built from the plan now."""
    if not review.is_open:
        return review.record
    plan = review.plan
    progress = progress or plan_progress(plan_tree(plan))
    assessments = {
        (kind, getattr(a, f"{kind}_id")): a
        for a in review.assessments.select_related("written_by")
        for kind in Assessment.ASSESSED
        if getattr(a, f"{kind}_id")
    }
    year = review.year
    return {
        "year": year,
        "year_label": plan.year_label(year),
        "labels": {"goal": plan.goal_label, "measure": plan.measure_label},
        "goals": [
            {
                "kind": group.node.kind,
                "goal_id": group.node.pk,
                "label": group.node.label,
                "number": group.node.number,
                "title": _title(group.node.item),
                "statement": getattr(group.node.item, "statement", ""),
                "counts": [
                    {"status": status.value, "label": status.label, "count": count}
                    for status, count in group.counts(year).items()
                    if count
                ],
                "assessable": group.node.kind in Assessment.ASSESSED,
                "assessment": _assessment(assessments.get((group.node.kind, group.node.pk))),
                "measures": [_measure(measure, plan, year) for measure in group.measures],
            }
            for group in progress.groups
        ],
    }


def _title(item) -> str:
    for name in ("title", "statement", "text", "description"):
        if getattr(item, name, ""):
            return getattr(item, name)
    return ""


def _assessment(assessment: Assessment | None) -> dict | None:
    if assessment is None:
        return None
    return {
        "rating": assessment.rating,
        "rating_label": assessment.get_rating_display(),
        "text": assessment.text,
        "meeting_date": assessment.meeting_date.isoformat(),
        "written_by": str(assessment.written_by or ""),
    }


def _value(measure, result) -> str:
    return measure.format(result.value, result.places) if result else "—"


def _target(measure, judged) -> str:
    if judged.target is None:
        return "—"
    written = measure.format(judged.target, judged.target_places)
    return written + (" (estimate)" if judged.estimated else "")


def _measure(measure, plan: Plan, year: int) -> dict:
    unit = measure.measure
    return {
        "reference": measure.reference,
        "name": unit.name,
        "parent": measure.parent_label,
        "baseline": unit.baseline_text,
        "chart": charts.trend_chart(measure, plan, up_to=year).as_record(),
        "rows": [
            {
                "label": row.label,
                "value": _value(unit, row.cell(year).result),
                "target": _target(unit, row.cell(year).judged),
                "status": row.cell(year).status.value,
                "status_label": row.cell(year).status.label,
            }
            for row in measure.rows
        ],
    }


@transaction.atomic
def open_review(plan: Plan, year: int, *, by) -> Review:
    return Review.objects.create(plan=plan, year=year, opened_by=by)


@transaction.atomic
def close_review(review: Review, *, by) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not review.is_open:
        raise ReviewClosed("This review is already closed.")
    review.record = content(review)
    review.state = Review.State.CLOSED
    review.closed_by = by
    review.closed_at = timezone.now()
    review.save()
    return review


def unassessed(content: dict) -> list[str]:
    """What a review still lacks an assessment of, each named as the plan names it:
    "Goal 2: Student growth"."""
    return [
        f"{goal['label']}: {goal['title']}"
        for goal in content["goals"]
        if goal["assessable"] and not goal["assessment"]
    ]


def no_data(counts: list[dict]) -> int:
    return sum(c["count"] for c in counts if c["status"] == Status.NO_DATA)


def summary(content: dict) -> dict:
    """The one-page summary a report opens with, from a review's content (a kept record
    too): each goal's count of every status, off track first, the totals, the measures
    that need attention, and those without a result in the year."""
    labels = {status.value: status.label for status in WORST_FIRST}
    goals, totals = [], dict.fromkeys(labels, 0)
    attention, without = [], []
    for goal in content["goals"]:
        counted = {count["status"]: count["count"] for count in goal["counts"]}
        row = [{"status": s, "label": labels[s], "count": counted.get(s, 0)} for s in labels]
        for cell in row:
            totals[cell["status"]] += cell["count"]
        goals.append({"number": goal["number"], "title": goal["title"], "counts": row})
        for measure in goal["measures"]:
            overall = measure["rows"][0]["status"] if measure["rows"] else Status.NO_DATA
            if overall in (Status.OFF_TRACK, Status.AT_RISK):
                attention.append({**measure, "status": overall, "status_label": labels[overall]})
            if not has_data(measure):
                without.append(measure["reference"])
    attention.sort(key=lambda m: list(labels).index(m["status"]))
    return {
        "goals": goals,
        "totals": [{"status": s, "label": labels[s], "count": totals[s]} for s in labels],
        "attention": attention,
        "without": without,
    }


def has_data(measure: dict) -> bool:
    """Whether any row of a measure has a result in the review's year."""
    return any(row["status"] != Status.NO_DATA for row in measure["rows"])
