"""The one rule that turns a result and a target into a status. The help page
(templates/measures/status_help.html) says it in the same words, with the thresholds
taken from here.

For a school year, a measure's status is:

1. **No data** when there is no result for the year.
2. For a **milestone** (a result of 1 means done, 0 not yet): **Met** when done; when not
   done, **On track** before the year it is due and **Off track** from that year on.
3. When the year has a numeric target (a target the plan states for that year; else,
   for a final target, the target itself from its year on, and before it an estimate
   on the straight line to it from the last target stated or the baseline):
   the shortfall is how far the result falls short of the target in the desired
   direction (higher is better for *increase*, lower for *decrease*; for *reach*,
   towards the target from the baseline). **Met** when there is no shortfall;
   otherwise, measured against the size of the target, **On track** within 5%,
   **At risk** within 15%, **Off track** beyond. For *maintain*, the distance from
   the target either way counts: within 5% is **Met**, within 15% **At risk**.
4. Without a numeric target (a target in words, or one still to be set), the result
   is judged against the one before it (the previous year's, else the baseline):
   better in the desired direction is **On track**, the same is **At risk**, worse is
   **Off track**; with nothing to compare, **No data**.

Surveys and perception measures are scored numbers and follow the same rule.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from measures.numbers import as_written, read_number

ON_TRACK_WITHIN = Decimal("0.05")
AT_RISK_WITHIN = Decimal("0.15")


def thresholds() -> dict[str, str]:
    """The thresholds as the help page prints them: {"on_track": "5%", "at_risk": "15%"}."""
    return {
        "on_track": f"{ON_TRACK_WITHIN * 100:.0f}%",
        "at_risk": f"{AT_RISK_WITHIN * 100:.0f}%",
    }


class Status(models.TextChoices):
    MET = "met", "Met"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    NO_DATA = "no_data", "No data"


# The order a summary reads in: what needs attention first, so that a reader who stops
# after the first figure has still seen what is off track.
WORST_FIRST = (Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK, Status.MET, Status.NO_DATA)


@dataclass(frozen=True)
class Judged:
    status: Status
    target: Decimal | None
    estimated: bool = False  # the target is a point on the line to a final target

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def target_places(self) -> int | None:
        """The decimals a stated target was written with; an estimate has none of its own."""
        if self.target is None or self.estimated:
            return None
        return max(0, -self.target.as_tuple().exponent)


def target_for(measure, year: int, yearly: dict[int, Decimal]) -> tuple[Decimal | None, bool]:
    """The numeric target that applies in a year, and whether it is an estimate. A target
    the plan states for the year wins; an estimate is made only where it states none."""
    if year in yearly:
        return yearly[year], False
    if measure.target_form != measure.TargetForm.FINAL or measure.final_target is None:
        return None, False
    due = measure.final_target_plan_year
    if due is None or year >= due:
        # As written ("1", "70.0"), not as the database keeps it ("1.0000").
        return read_number(as_written(measure.final_target, measure.final_target_places))[0], False
    stated = {y: v for y, v in yearly.items() if y < year}
    if stated:
        start = max(stated)
        known = stated[start]
    else:
        start, known = measure.baseline_plan_year, measure.baseline_value
    if start is None or known is None or year <= start or due <= start:
        return None, False
    share = Decimal(year - start) / Decimal(due - start)
    return known + (measure.final_target - known) * share, True


def due_year(measure, yearly: dict[int, Decimal]) -> int | None:
    if measure.final_target_year:
        return measure.final_target_plan_year
    return max(yearly) if yearly else None


def judge(
    measure,
    year: int,
    result: Decimal | None,
    yearly: dict[int, Decimal],
    previous: Decimal | None = None,
) -> Judged:
    """The status of one result (for all students or one group) in one year."""
    target, estimated = target_for(measure, year, yearly)
    if result is None:
        return Judged(Status.NO_DATA, target, estimated)
    if measure.kind == measure.Kind.MILESTONE:
        if result >= 1:
            return Judged(Status.MET, target, estimated)
        due = due_year(measure, yearly)
        late = due is not None and year >= due
        return Judged(Status.OFF_TRACK if late else Status.ON_TRACK, target, estimated)
    if target is None:
        return Judged(_by_trend(measure, result, previous), None)
    return Judged(_against_target(measure, result, target), target, estimated)


def _better_is_higher(measure, target: Decimal) -> bool:
    direction = measure.Direction
    if measure.direction == direction.DECREASE:
        return False
    if measure.direction == direction.REACH and measure.baseline_value is not None:
        return target >= measure.baseline_value
    return True


def shortfall(measure, result: Decimal, target: Decimal) -> Decimal:
    """How far a result falls short of a target in the desired direction: above zero is
    short of it, zero or below has met it. For *maintain*, the distance either way."""
    if measure.direction == measure.Direction.MAINTAIN:
        return abs(result - target)
    return target - result if _better_is_higher(measure, target) else result - target


def _against_target(measure, result: Decimal, target: Decimal) -> Status:
    scale = abs(target) or Decimal(1)
    short_by = shortfall(measure, result, target)
    if measure.direction == measure.Direction.MAINTAIN:
        off_by = short_by / scale
        if off_by <= ON_TRACK_WITHIN:
            return Status.MET
        return Status.AT_RISK if off_by <= AT_RISK_WITHIN else Status.OFF_TRACK
    if short_by <= 0:
        return Status.MET
    share = short_by / scale
    if share <= ON_TRACK_WITHIN:
        return Status.ON_TRACK
    return Status.AT_RISK if share <= AT_RISK_WITHIN else Status.OFF_TRACK


def _by_trend(measure, result: Decimal, previous: Decimal | None) -> Status:
    if previous is None:
        return Status.NO_DATA
    if result == previous:
        return Status.AT_RISK
    improved = result > previous
    if measure.direction == measure.Direction.DECREASE:
        improved = not improved
    if measure.direction == measure.Direction.MAINTAIN:
        return Status.AT_RISK
    return Status.ON_TRACK if improved else Status.OFF_TRACK
