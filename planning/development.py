"""Making a plan (seed 004): the diagnostic, stakeholder input and priorities that lead
to a draft, and its adoption as the district's plan.

The workspace's pages and its one-page PDF read the same objects from here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import Truncator

from measures.models import Measure, Revision
from measures.periods import school_year_label
from measures.progress import MeasureProgress, plan_progress
from measures.status import shortfall
from planning.editing import plain, record
from planning.models import (
    Change,
    Development,
    Outreach,
    Phase,
    Plan,
    PlanVersion,
    Priority,
    StrategicArea,
    SwotEntry,
    Theme,
    plural,
)
from planning.plan_file import create_measure, keep_to_period, measure_data, start_plan
from planning.tree import plan_tree
from planning.versions import first_version


@transaction.atomic
def start_development(district, wanted: dict, *, actor) -> Development:
    """A new draft plan with its making: the five phases and the starting strategic areas."""
    plan = start_plan(district, wanted)
    development = Development.objects.create(
        plan=plan, follows=wanted.get("follows"), started_by=actor
    )
    Phase.objects.bulk_create(
        Phase(development=development, order=n, name=name)
        for n, name in enumerate(Phase.PHASES, start=1)
    )
    StrategicArea.objects.bulk_create(
        StrategicArea(development=development, order=n, name=name)
        for n, name in enumerate(StrategicArea.STARTING, start=1)
    )
    return development


# The diagnostic: SWOT ----------------------------------------------------------------

SWOT_LETTER = {"strength": "S", "weakness": "W", "opportunity": "O", "threat": "T"}


@dataclass
class SwotGroup:
    kind: str
    label: str
    entries: list[SwotEntry]

    @property
    def plural(self) -> str:
        return plural(self.label)

    @property
    def one(self) -> str:
        """ "a strength", "an opportunity"."""
        word = self.label.lower()
        return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def swot_groups(development: Development) -> list[SwotGroup]:
    """The four lists of the SWOT, each entry with its code (S1, W2...) for citing it."""
    entries = list(development.swot_entries.order_by("order"))
    return [
        SwotGroup(kind, label, _coded([e for e in entries if e.kind == kind]))
        for kind, label in SwotEntry.Kind.choices
    ]


def _coded(entries: list[SwotEntry]) -> list[SwotEntry]:
    for position, entry in enumerate(entries, start=1):
        entry.code = f"{SWOT_LETTER[entry.kind]}{position}"
    return entries


def swot_codes(development: Development) -> dict[int, str]:
    return {entry.pk: entry.code for group in swot_groups(development) for entry in group.entries}


# The diagnostic: the gap analysis ----------------------------------------------------


@dataclass
class Gap:
    """A measure of the previous plan: its latest result against its last target."""

    progress: MeasureProgress
    carried_into: list[Measure] = field(default_factory=list)

    @property
    def measure(self) -> Measure:
        return self.progress.measure

    @property
    def latest(self):
        """The last year with a value for all students (a result row may be left blank)."""
        cells = self.progress.all_students.cells
        return next((cell for cell in reversed(cells) if cell.value is not None), None)

    @property
    def last_target(self) -> tuple[int | None, Decimal | None]:
        measure = self.measure
        if measure.target_form == Measure.TargetForm.YEARLY and self.progress.node.targets:
            target = self.progress.node.targets[-1]
            return target.year, target.value
        if measure.target_form == Measure.TargetForm.FINAL and measure.final_target is not None:
            return measure.final_target_year, measure.final_target
        return None, None

    @property
    def target_text(self) -> str:
        year, value = self.last_target
        if value is None:
            if self.measure.target_form == Measure.TargetForm.WORDS:
                return self.measure.target_text
            return "No numeric target"
        return self.measure.format(value) + (f" in {school_year_label(year)}" if year else "")

    @property
    def shortfall(self) -> Decimal | None:
        """Above zero: short of the target by that much; zero or below: the target is met."""
        _, target = self.last_target
        if self.latest is None or target is None:
            return None
        return shortfall(self.measure, self.latest.value, target)

    @property
    def gap_text(self) -> str:
        gap = self.shortfall
        if gap is None:
            return "—"
        if self.measure.direction == Measure.Direction.MAINTAIN:
            return "Met" if gap == 0 else f"{self.amount(gap)} off the target"
        if gap <= 0:
            return "Met" if gap == 0 else f"Met, {self.amount(-gap)} beyond"
        return f"{self.amount(gap)} short"

    def amount(self, value: Decimal) -> str:
        measure = self.measure
        if measure.unit == Measure.Unit.PERCENT:
            return measure.format(value).removesuffix("%") + " points"
        if measure.unit == Measure.Unit.RATIO:
            return measure.format(value).removesuffix(":1")
        return measure.format(value)


def gap_analysis(development: Development) -> list[Gap]:
    """For each measure of the plan this one follows, how far it got; empty if none."""
    if development.follows_id is None:
        return []
    previous = Plan.objects.select_related("district").get(pk=development.follows_id)
    carried = {}
    for measure in Measure.objects.filter(
        plan=development.plan_id, carried_from__plan=previous
    ).order_by("pk"):
        carried.setdefault(measure.carried_from_id, []).append(measure)
    return [
        Gap(progress, carried.get(progress.measure.pk, []))
        for progress in plan_progress(plan_tree(previous)).measures
    ]


def places_in(plan: Plan) -> list[tuple[str, str, dict]]:
    """Where a carried measure may go in a draft, each as (value, label, parent):
    ("goal-5", "Goal 1: Literacy", {"goal": <Goal>})..."""
    labels = {"goal": plan.goal_label, "objective": plan.objective_label}
    labels["strategy"] = plan.strategy_label
    return [
        (
            f"{node.kind}-{node.pk}",
            f"{labels[node.kind]} {node.number}: {short(node.item)}",
            {node.kind: node.item},
        )
        for goal in plan_tree(plan).goals
        for node in (goal, *_objectives_and_strategies(goal))
    ]


def _objectives_and_strategies(goal):
    for objective in goal.objectives:
        yield objective
        yield from objective.strategies
    yield from goal.strategies


def short(item, length: int = 70) -> str:
    return Truncator(str(item)).chars(length)


@transaction.atomic
def carry_measure(source: Measure, *, development: Development, under: dict, actor) -> Measure:
    """Copy a measure of the previous plan into the draft. Its results stay with the
    plan they were reported in and remain the new measure's history through carried_from;
    the new baseline is the latest result, kept as a revision of the old one."""
    plan = development.plan
    source = Measure.objects.select_for_update().select_related("plan").get(pk=source.pk)
    already = Measure.objects.filter(plan=plan, carried_from=source).first()
    if already:  # a second submit, or another tab
        return already
    data = measure_data(source)
    keep_to_period(data, plan.school_years)
    if data["target_form"] == Measure.TargetForm.YEARLY and not data["targets"]:
        data["target_form"] = Measure.TargetForm.TO_BE_SET
    if data["target_form"] == Measure.TargetForm.FINAL and not data["final_target_year"]:
        data["target_form"], data["final_target"] = Measure.TargetForm.TO_BE_SET, None
    latest = source.results.filter(group=None).exclude(value=None).order_by("-year").first()
    if latest:
        data["baseline_value"] = str(latest.value)
        data["baseline_year"] = latest.year
    ((kind, parent),) = under.items()
    last = Measure.objects.filter(**{kind: parent}).aggregate(models.Max("order"))["order__max"]
    measure = create_measure(plan, (last or 0) + 1, data, **under)
    measure.carried_from = source
    measure.save(update_fields=["carried_from"])
    if latest and latest.value != source.baseline_value:
        Revision.objects.create(
            measure=measure,
            field=Revision.Field.BASELINE,
            old_value=plain(source.baseline_value) or "",
            new_value=plain(latest.value),
            reason=f"Carried over from {source.plan}: the baseline is its latest result, "
            f"{school_year_label(latest.year)}.",
            changed_by=actor,
        )
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.ADDED,
        kind="measure",
        item_id=measure.pk,
        label=f"{plan.measure_label}: {short(measure)} (carried over from {source.plan})",
    )
    return measure


# Stakeholder input -------------------------------------------------------------------


@dataclass
class AudienceCount:
    label: str
    activities: int = 0
    reached: int = 0
    themes: int = 0


@dataclass
class AreaCount:
    area: StrategicArea
    themes: int = 0
    heard: list[str] = field(default_factory=list)
    not_heard: list[str] = field(default_factory=list)


@dataclass
class InputCounts:
    audiences: list[AudienceCount]
    areas: list[AreaCount]

    @property
    def not_heard(self) -> list[str]:
        return [a.label for a in self.audiences if not a.activities]

    @property
    def reached(self) -> int:
        return sum(a.reached for a in self.audiences)

    @property
    def activities(self) -> int:
        return sum(a.activities for a in self.audiences)


def activities_of(development: Development) -> list[Outreach]:
    return list(
        development.outreach.order_by("order").prefetch_related(
            models.Prefetch("themes", queryset=Theme.objects.order_by("order")), "themes__areas"
        )
    )


def input_counts(activities: list[Outreach], areas: list[StrategicArea]) -> InputCounts:
    """Input per audience and per strategic area, zeros included: who has not been heard."""
    audiences = {value: AudienceCount(label) for value, label in Outreach.Audience.choices}
    by_area = {area.pk: AreaCount(area) for area in areas}
    heard = {pk: set() for pk in by_area}
    for activity in activities:
        count = audiences[activity.audience]
        count.activities += 1
        count.reached += activity.reached
        count.themes += len(activity.themes.all())
        for theme in activity.themes.all():
            for area in theme.areas.all():
                by_area[area.pk].themes += 1
                heard[area.pk].add(activity.audience)
    for pk, area in by_area.items():
        for value, count in audiences.items():
            (area.heard if value in heard[pk] else area.not_heard).append(count.label)
    return InputCounts(list(audiences.values()), list(by_area.values()))


# Priorities --------------------------------------------------------------------------


def priorities_of(development: Development, codes: dict[int, str]) -> list[Priority]:
    """The ranked priorities with what supports them and what they were drafted as."""
    priorities = list(
        development.priorities.order_by("order").prefetch_related(
            "swot_entries", "themes__outreach", "goals", "objectives", "strategies"
        )
    )
    plan = development.plan
    for priority in priorities:
        priority.drafted_as = [
            (f"{label} “{short(item)}”", f"{kind}-{item.pk}")
            for kind, label, items in (
                ("goal", plan.goal_label, priority.goals.all()),
                ("objective", plan.objective_label, priority.objectives.all()),
                ("strategy", plan.strategy_label, priority.strategies.all()),
            )
            for item in items
        ]
        priority.sources = sorted(
            priority.swot_entries.all(), key=lambda e: ("SWOT".index(codes[e.pk][0]), e.order)
        )
        for entry in priority.sources:
            entry.code = codes[entry.pk]
    return priorities


# Adoption ----------------------------------------------------------------------------


class CannotAdopt(Exception):
    pass


def overlapping_plans(development: Development) -> models.QuerySet:
    """Adopted plans of the district, other than the one this replaces, that share years."""
    plan = development.plan
    return (
        Plan.objects.in_district(plan.district_id)
        .filter(status=Plan.Status.ADOPTED)
        .filter(start_year__lt=plan.end_year, end_year__gt=plan.start_year)
        .exclude(pk__in=[plan.pk, development.follows_id or 0])
    )


@transaction.atomic
def adopt(development: Development, *, actor) -> PlanVersion:
    """The draft becomes the district's plan for its period, as version 1; the plan it
    follows is ended. All of it or, if any step fails, nothing."""
    development = Development.objects.select_for_update().get(pk=development.pk)
    plan = Plan.objects.select_for_update().get(pk=development.plan_id)
    if development.is_adopted:
        raise CannotAdopt(f"{plan} was adopted already, on {development.adopted_at:%B %-d, %Y}.")
    if plan.status != Plan.Status.DRAFT:
        status = plan.get_status_display().lower()
        raise CannotAdopt(f"Only a draft is adopted; {plan} is {status}.")
    if not plan.goals.exists():
        goals = plural(plan.goal_label).lower()
        raise CannotAdopt(f"The draft has no {goals} yet: write them first.")
    other = overlapping_plans(development).first()
    if other:
        raise CannotAdopt(
            f"{other} is already adopted for years this plan covers. Shorten one of the "
            "periods, or archive it first."
        )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.CHANGED,
        kind="plan",
        item_id=plan.pk,
        label="Plan: adopted",
        before={"status": Plan.Status.DRAFT},
        after={"status": Plan.Status.ADOPTED},
    )
    previous = development.follows
    if previous and previous.status != Plan.Status.ARCHIVED:
        before = previous.status
        Plan.objects.filter(pk=previous.pk).update(status=Plan.Status.ARCHIVED)
        record(
            plan=previous,
            actor=actor,
            action=Change.Action.CHANGED,
            kind="plan",
            item_id=previous.pk,
            label=f"Plan: ended, followed by {plan}",
            before={"status": before},
            after={"status": Plan.Status.ARCHIVED},
        )
    plan.refresh_from_db()
    version = first_version(plan)
    development.adopted_at = timezone.now()
    development.adopted_by = actor
    development.save(update_fields=["adopted_at", "adopted_by"])
    return version


# The summary: the overview page and the one-page PDF ---------------------------------


@dataclass
class MakingSummary:
    development: Development
    plan: Plan
    phases: list[Phase]
    swot: list[SwotGroup]
    counts: InputCounts
    priorities: list[Priority]
    activities: list[Outreach]

    @property
    def unfinished_phases(self) -> list[Phase]:
        return [phase for phase in self.phases if phase.status != Phase.Status.DONE]


def summary(development: Development) -> MakingSummary:
    swot = swot_groups(development)
    codes = {entry.pk: entry.code for group in swot for entry in group.entries}
    activities = activities_of(development)
    return MakingSummary(
        development=development,
        plan=development.plan,
        phases=list(development.phases.order_by("order")),
        swot=swot,
        counts=input_counts(activities, list(development.areas.order_by("order"))),
        priorities=priorities_of(development, codes),
        activities=activities,
    )
