"""How a plan's measures stand, year by year and group by group: the data that the
results grid, the progress dashboard, the charts and the fall review all show.

It is built from a plan's tree (planning.tree.plan_tree), which it is handed: measures
know their own rules, not the plan around them. The tree says how its measures are
grouped (tree.progress_groups(): each goal, or an item above or beside the goals, with
the measures under it) and what each is called.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from measures.models import Measure, Result, StudentGroup
from measures.numbers import as_written, read_number
from measures.status import WORST_FIRST, Judged, Status, judge

ALL_STUDENTS = "All students"


@dataclass(slots=True)
class Figure:
    """A target or a result as the pages read it: plain values, not a model instance,
    since a large plan has tens of thousands of them."""

    year: int
    group: StudentGroup | None
    value: Decimal | None
    places: int | None
    note: str = ""

    @property
    def group_id(self) -> int | None:
        return self.group.pk if self.group else None


@dataclass
class Cell:
    year: int
    result: Figure | Result | None
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

    def latest_before(self, year: int) -> Cell | None:
        """All students' latest result before the year."""
        earlier = [c for c in self.all_students.cells if c.year < year and c.result]
        return earlier[-1] if earlier else None

    def has_result(self, year: int) -> bool:
        cell = self.all_students.cell(year)
        return bool(cell and cell.result)

    @property
    def targets(self) -> dict[int, Decimal]:
        """All students' stated targets by year."""
        return {t.year: t.value for t in self.node.targets if t.group_id is None}


@dataclass
class GoalProgress:
    """A unit progress is read by: a goal, or an item above or beside the goals."""

    node: object
    measures: list[MeasureProgress] = field(default_factory=list)
    shown_counts: list[tuple[Status, int]] = field(default_factory=list)

    def counts(self, year: int) -> dict[Status, int]:
        """Every status with how many measures have it in the year, off track first."""
        counted = Counter(measure.status_in(year) for measure in self.measures)
        return {status: counted.get(status, 0) for status in WORST_FIRST}

    def behind_earlier(self, year: int) -> list[tuple["MeasureProgress", Cell]]:
        """Measures with no result in the year whose latest earlier result was off track
        or at risk: counted as "No data" for the year, they must not look fine."""
        found = []
        for measure in self.measures:
            if measure.has_result(year):
                continue
            earlier = measure.latest_before(year)
            if earlier and earlier.status in (Status.OFF_TRACK, Status.AT_RISK):
                found.append((measure, earlier))
        return found


@dataclass
class PlanProgress:
    plan: object
    tree: object
    goals: list[GoalProgress]  # the units of the tree
    beside: list[GoalProgress]  # each item of a section beside the tree

    @property
    def groups(self) -> list[GoalProgress]:
        return self.goals + self.beside

    @property
    def years(self) -> list[int]:
        return self.plan.years

    @property
    def measures(self) -> list[MeasureProgress]:
        return [m for group in self.groups for m in group.measures]

    def missing(self, year: int) -> list[MeasureProgress]:
        return [m for m in self.measures if not m.has_result(year)]

    def by_reference(self) -> dict[str, MeasureProgress]:
        return {m.reference.lower(): m for m in self.measures}

    def find(self, measure_id: int) -> MeasureProgress | None:
        return next((m for m in self.measures if m.measure.pk == measure_id), None)

    def read_in(self, year: int) -> "PlanProgress":
        """Each unit hung on its item of the tree (node.progress), with the statuses its
        measures have in the year (shown_counts: those that some measure has)."""
        for group in self.groups:
            group.node.progress = group
            group.shown_counts = [(s, c) for s, c in group.counts(year).items() if c]
        return self

    @property
    def latest_year_with_results(self) -> int:
        years = [y for y in self.years if any(m.has_result(y) for m in self.measures)]
        return years[-1] if years else self.years[0]


def plan_progress(tree) -> PlanProgress:
    """The progress of every measure of a plan, given its tree."""
    plan = tree.plan
    goals = [
        GoalProgress(head, [_progress(measure, parent, plan) for measure, parent in measures])
        for head, measures in tree.progress_groups()
    ]
    beside = [
        GoalProgress(item, [_progress(measure, item, plan) for measure in item.measures])
        for section in tree.sections
        for item in section.children
    ]
    return PlanProgress(plan=plan, tree=tree, goals=goals, beside=beside)


def _progress(node, parent, plan) -> MeasureProgress:
    return MeasureProgress(
        node=node, reference=node.reference, parent_label=parent.label, rows=_rows(node, plan)
    )


def latest_judged(node, plan) -> Cell | None:
    """A measure's latest result for all students, judged: what the plan page shows."""
    return _rows(node, plan, groups=False)[0].latest


def count_standing(statuses) -> list[tuple[Status, int]]:
    """How many measures stand at each status, worst first, leaving out those at none."""
    counted = Counter(statuses)
    return [(status, counted[status]) for status in WORST_FIRST if counted[status]]


def standing_by_year(nodes, plan, years) -> list[list[tuple[Status, int]]]:
    """For each year, how many of the measures stand at each status by their results for
    all students that year, worst first: a goal's line of the plan's summary grid."""
    rows = [_rows(node, plan, groups=False)[0] for node in nodes]
    return [
        count_standing(row.cell(year).status if row.cell(year) else Status.NO_DATA for row in rows)
        for year in years
    ]


def _rows(node, plan, groups: bool = True) -> list[Row]:
    measure = node.item
    targets = {}
    for target in node.targets:
        # As written (13.1, not 13.1000), so a stated target prints as the plan states it.
        written = read_number(as_written(target.value, target.places))[0]
        targets.setdefault(target.group_id, {})[target.year] = written
    results = {(r.group_id, r.year): r for r in node.results}
    broken_down = list(node.breakdown) if groups else []
    known = {group.pk for group in broken_down}
    if groups:
        broken_down += sorted(
            {r.group for r in node.results if r.group_id and r.group_id not in known},
            key=lambda group: (group.order, group.name),
        )
    rows = []
    for group in [None, *broken_down]:
        group_id = group.pk if group else None
        # A group is judged by its own targets where the plan sets them, else by all students'.
        yearly = targets.get(group_id) or targets.get(None, {})
        previous = measure.baseline_value if group is None else None
        cells = []
        for year in plan.years:
            result = results.get((group_id, year))
            value = result.value if result else None
            cells.append(Cell(year, result, judge(measure, year, value, yearly, previous)))
            if value is not None:
                previous = value
        rows.append(Row(group, cells))
    return rows
