"""How a plan's measures stand, year by year and group by group: the data that the
results grid, the progress dashboard, the charts and the fall review all show.

It is built from a plan's tree (planning.tree.plan_tree), which it is handed: measures
know their own rules, not the plan around them."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from measures.models import Measure, Result, StudentGroup
from measures.periods import school_year_label
from measures.status import Judged, Status, judge

ALL_STUDENTS = "All students"


@dataclass
class Cell:
    year: int
    result: Result | None
    judged: Judged

    @property
    def value(self) -> Decimal | None:
        return self.result.value if self.result else None

    @property
    def status(self) -> Status:
        return self.judged.status


@dataclass
class Row:
    """One line of results: all students, or one student group or grade."""

    group: StudentGroup | None
    cells: list[Cell]

    @property
    def label(self) -> str:
        return self.group.name if self.group else ALL_STUDENTS

    def cell(self, year: int) -> Cell | None:
        return next((cell for cell in self.cells if cell.year == year), None)

    @property
    def latest(self) -> Cell | None:
        return next((cell for cell in reversed(self.cells) if cell.result), None)


@dataclass
class MeasureProgress:
    node: object  # the measure's node in the plan's tree
    reference: str
    parent_label: str
    rows: list[Row]

    @property
    def measure(self) -> Measure:
        return self.node.item

    @property
    def all_students(self) -> Row:
        return self.rows[0]

    def status_in(self, year: int) -> Status:
        cell = self.all_students.cell(year)
        return cell.status if cell else Status.NO_DATA

    def has_result(self, year: int) -> bool:
        cell = self.all_students.cell(year)
        return bool(cell and cell.result)

    @property
    def targets(self) -> dict[int, Decimal]:
        return {target.year: target.value for target in self.node.targets}


@dataclass
class GoalProgress:
    node: object
    measures: list[MeasureProgress] = field(default_factory=list)

    def counts(self, year: int) -> dict[Status, int]:
        counted = Counter(measure.status_in(year) for measure in self.measures)
        return {status: counted.get(status, 0) for status in Status}


@dataclass
class PlanProgress:
    plan: object
    tree: object
    goals: list[GoalProgress]
    guardrail_measures: list[MeasureProgress]

    @property
    def years(self) -> list[int]:
        return self.plan.school_years

    @property
    def measures(self) -> list[MeasureProgress]:
        return [m for goal in self.goals for m in goal.measures] + self.guardrail_measures

    def missing(self, year: int) -> list[MeasureProgress]:
        return [m for m in self.measures if not m.has_result(year)]

    def by_reference(self) -> dict[str, MeasureProgress]:
        return {m.reference.lower(): m for m in self.measures}

    def find(self, measure_id: int) -> MeasureProgress | None:
        return next((m for m in self.measures if m.measure.pk == measure_id), None)

    @property
    def latest_year_with_results(self) -> int:
        years = [y for y in self.years if any(m.has_result(y) for m in self.measures)]
        return years[-1] if years else self.years[0]


def plan_progress(tree) -> PlanProgress:
    """The progress of every measure of a plan, given its tree."""
    plan = tree.plan
    goals = []
    for goal in tree.goals:
        progress = GoalProgress(goal)
        label = f"{plan.goal_label} {goal.number}"
        progress.measures += _measures_of(goal, label, plan)
        for objective in goal.objectives:
            progress.measures += _measures_of(
                objective, f"{plan.objective_label} {objective.number}", plan
            )
            for strategy in objective.strategies:
                progress.measures += _measures_of(
                    strategy, f"{plan.strategy_label} {strategy.number}", plan
                )
        for strategy in goal.strategies:
            progress.measures += _measures_of(
                strategy, f"{plan.strategy_label} {strategy.number}", plan
            )
        goals.append(progress)
    guardrails = [
        m
        for guardrail in tree.guardrails
        for m in _measures_of(guardrail, f"Guardrail {guardrail.number}", plan, prefix="G")
    ]
    return PlanProgress(plan=plan, tree=tree, goals=goals, guardrail_measures=guardrails)


def _measures_of(parent, parent_label: str, plan, prefix: str = ""):
    return [
        MeasureProgress(
            node=node,
            reference=f"{prefix}{parent.number}.M{position}",
            parent_label=parent_label,
            rows=_rows(node, plan),
        )
        for position, node in enumerate(parent.measures, start=1)
    ]


def _rows(node, plan) -> list[Row]:
    measure = node.item
    targets = {target.year: target.value for target in node.targets}
    results = {(r.group_id, r.year): r for r in node.results}
    groups = list(measure.breakdown.all())
    known = {group.pk for group in groups}
    groups += sorted(
        {r.group for r in node.results if r.group_id and r.group_id not in known},
        key=lambda group: (group.order, group.name),
    )
    rows = []
    for group in [None, *groups]:
        group_id = group.pk if group else None
        previous = measure.baseline_value if group is None else None
        cells = []
        for year in plan.school_years:
            result = results.get((group_id, year))
            value = result.value if result else None
            cells.append(Cell(year, result, judge(measure, year, value, targets, previous)))
            if value is not None:
                previous = value
        rows.append(Row(group, cells))
    return rows


def year_label(year: int) -> str:
    return school_year_label(year)
