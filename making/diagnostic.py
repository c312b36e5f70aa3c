"""The diagnostic of a plan's making: the SWOT, each entry with the code priorities
cite it by (S1, W2…), and the gap analysis, from the measures of the plan it replaces to
where they got, with the measures carried into the draft."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models, transaction

from making.models import Making, SwotEntry, short
from measures.models import Measure, Revision
from measures.numbers import as_written
from measures.progress import MeasureProgress, plan_progress
from measures.status import shortfall
from planning.editing import plain, record
from planning.models import Change, Plan, plural
from planning.plan_file import create_measure, keep_to_period, measure_data
from planning.titles import titled
from planning.tree import plan_tree

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
    def counted(self) -> str:
        """ "1 threat", "2 threats"."""
        n = len(self.entries)
        return f"{n} {(self.label if n == 1 else self.plural).lower()}"

    @property
    def one(self) -> str:
        """ "a strength", "an opportunity"."""
        word = self.label.lower()
        return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def swot_groups(making: Making) -> list[SwotGroup]:
    """The four lists of the SWOT, each entry with its code (S1, W2...) for citing it."""
    entries = list(making.swot_entries.order_by("order"))
    return [
        SwotGroup(kind, label, _coded([e for e in entries if e.kind == kind]))
        for kind, label in SwotEntry.Kind.choices
    ]


def _coded(entries: list[SwotEntry]) -> list[SwotEntry]:
    for position, entry in enumerate(entries, start=1):
        entry.code = f"{SWOT_LETTER[entry.kind]}{position}"
    return entries


def swot_codes(making: Making) -> dict[int, str]:
    return {entry.pk: entry.code for group in swot_groups(making) for entry in group.entries}


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
        stated = self.progress.targets
        if measure.target_form == Measure.TargetForm.YEARLY and stated:
            year = max(stated)
            return year, stated[year]
        if measure.target_form == Measure.TargetForm.FINAL and measure.final_target is not None:
            return measure.final_target_plan_year, measure.final_target
        return None, None

    @property
    def target_text(self) -> str:
        year, value = self.last_target
        if value is None:
            if self.measure.target_form == Measure.TargetForm.WORDS:
                return self.measure.target_text
            return "No numeric target"
        when = f" in {self.measure.plan.year_label(year)}" if year else ""
        return self.measure.format(value) + when

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


def gap_analysis(making: Making) -> list[Gap]:
    """For each measure of the plan this one follows, how far it got; empty if none."""
    if making.follows_id is None:
        return []
    previous = Plan.objects.select_related("district").get(pk=making.follows_id)
    carried = {}
    for measure in Measure.objects.filter(
        plan=making.plan_id, carried_from__plan=previous
    ).order_by("pk"):
        carried.setdefault(measure.carried_from_id, []).append(measure)
    return [
        Gap(progress, carried.get(progress.measure.pk, []))
        for progress in plan_progress(plan_tree(previous)).measures
    ]


def places_in(plan: Plan) -> list[tuple[str, str, dict]]:
    """Where a carried measure may go in a draft: any item of its tree, each as (value,
    label, parent): ("goal-5", "Goal 1: Literacy", {"goal": <Goal>})..."""
    return [
        (f"{node.kind}-{node.pk}", f"{node.label}: {short(node.item)}", {node.kind: node.item})
        for node in plan_tree(plan).items()
    ]


@transaction.atomic
def carry_measure(source: Measure, *, making: Making, under: dict, actor) -> Measure:
    """Copy a measure of the previous plan into the draft. Its results stay with the
    plan they were reported in and remain the new measure's history through carried_from;
    the new baseline is the latest result, kept as a revision of the old one."""
    plan = making.plan
    source = Measure.objects.select_for_update().select_related("plan").get(pk=source.pk)
    already = Measure.objects.filter(plan=plan, carried_from=source).first()
    if already:  # a second submit, or another tab
        return already
    data = measure_data(source)
    keep_to_period(data, plan.years)
    if data["target_form"] == Measure.TargetForm.YEARLY and not data["targets"]:
        data["target_form"] = Measure.TargetForm.TO_BE_SET
    if data["target_form"] == Measure.TargetForm.FINAL and not data["final_target_year"]:
        data["target_form"], data["final_target"] = Measure.TargetForm.TO_BE_SET, None
    latest = source.results.filter(group=None).exclude(value=None).order_by("-year").first()
    if latest:
        data["baseline_value"] = as_written(latest.value, latest.places)
        data["baseline_year"], data["baseline_month"] = latest.year, None
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
            reason=f"Carried over from {titled(source.plan)}: the baseline is its latest result, "
            f"{source.plan.year_label(latest.year)}.",
            changed_by=actor,
        )
    record(
        plan=plan,
        actor=actor,
        action=Change.Action.ADDED,
        kind="measure",
        item_id=measure.pk,
        label=f"{plan.measure_label}: {short(measure)} (carried over from {titled(source.plan)})",
    )
    return measure
