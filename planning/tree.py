"""A whole plan read in a fixed number of queries, numbered as the page and the PDF print it.

Numbering follows the tree: goal 1, its objectives 1.1, 1.2, their strategies 1.1.1.
Strategies that hang directly on a goal come after its objectives and take the next
numbers (1.1, 1.2 in a plan without objectives), so no empty level is printed.
Numbers come from positions, so they follow every reorder, add and delete.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models

from measures.models import PARENTS, Result, Target
from planning.models import Objective, Plan, Strategy


@dataclass
class Node:
    """One item of the plan in its place: its number and what hangs under it."""

    kind: str
    item: models.Model
    number: str = ""
    objectives: list["Node"] = field(default_factory=list)
    strategies: list["Node"] = field(default_factory=list)
    measures: list["Node"] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    list_id: str = ""  # the element id of the list it is shown in
    is_first: bool = False
    is_last: bool = False

    @property
    def pk(self) -> int:
        return self.item.pk


@dataclass
class PlanTree:
    plan: Plan
    values: list[Node]
    vision_areas: list[Node]
    graduate_attributes: list[Node]
    goals: list[Node]
    guardrails: list[Node]
    kind: str = "plan"
    index: dict[tuple[str, int], Node] = field(default_factory=dict)

    def __post_init__(self):
        _place(self.values, "value", self)
        _place(self.vision_areas, "vision_area", self)
        _place(self.graduate_attributes, "attribute", self)
        _place(self.goals, "goal", self)
        _place(self.guardrails, "guardrail", self)
        for node in self.nodes():
            self.index[(node.kind, node.pk)] = node
            _place(node.objectives, "objective", node)
            _place(node.strategies, "strategy", node)
            _place(node.measures, "measure", node)

    @property
    def pk(self) -> int:
        return self.plan.pk

    @property
    def item(self) -> Plan:
        return self.plan

    def find(self, kind: str, pk: int) -> "Node | PlanTree":
        if kind == "plan":
            return self
        return self.index[(kind, pk)]

    def nodes(self):
        yield from self.values
        yield from self.vision_areas
        yield from self.graduate_attributes
        for top in (*self.goals, *self.guardrails):
            yield from _walk(top)

    @property
    def counts(self) -> dict[str, int]:
        counted = defaultdict(int)
        for node in self.nodes():
            counted[node.kind] += 1
        return counted


def list_id(kind: str, parent) -> str:
    return f"{kind}-list-{parent.kind}-{parent.pk}"


def _place(nodes: list[Node], kind: str, parent) -> None:
    for position, node in enumerate(nodes):
        node.list_id = list_id(kind, parent)
        node.is_first = position == 0
        node.is_last = position == len(nodes) - 1


def _walk(node: Node):
    yield node
    for child in (*node.measures, *node.objectives, *node.strategies):
        yield from _walk(child)


# What a goal, objective or strategy comes from, when it was drafted in the plan's making.
SOURCES = ("priorities", "priorities__swot_entries", "priorities__themes__outreach")


def plan_tree(plan: Plan) -> PlanTree:
    measures = _measures_by_parent(plan)

    def with_measures(kind: str, item, number: str = "") -> Node:
        return Node(kind=kind, item=item, number=number, measures=measures[(kind, item.pk)])

    objectives_by_goal = defaultdict(list)
    objective_rows = Objective.objects.filter(goal__plan=plan).prefetch_related(*SOURCES)
    for objective in objective_rows.order_by("order"):
        objectives_by_goal[objective.goal_id].append(objective)
    strategies_by_parent = defaultdict(list)
    strategy_rows = Strategy.objects.filter(goal__plan=plan).prefetch_related(*SOURCES)
    for strategy in strategy_rows.order_by("order"):
        parent = (
            ("objective", strategy.objective_id)
            if strategy.objective_id
            else (
                "goal",
                strategy.goal_id,
            )
        )
        strategies_by_parent[parent].append(strategy)

    goals = []
    goal_rows = plan.goals.prefetch_related("graduate_attributes", *SOURCES).order_by("order")
    for goal_position, goal in enumerate(goal_rows, start=1):
        node = with_measures("goal", goal, str(goal_position))
        for position, objective in enumerate(objectives_by_goal[goal.pk], start=1):
            objective_node = with_measures("objective", objective, f"{node.number}.{position}")
            objective_node.strategies = [
                with_measures("strategy", strategy, f"{objective_node.number}.{n}")
                for n, strategy in enumerate(strategies_by_parent[("objective", objective.pk)], 1)
            ]
            node.objectives.append(objective_node)
        after_objectives = len(node.objectives)
        node.strategies = [
            with_measures("strategy", strategy, f"{node.number}.{after_objectives + n}")
            for n, strategy in enumerate(strategies_by_parent[("goal", goal.pk)], 1)
        ]
        goals.append(node)

    return PlanTree(
        plan=plan,
        values=[Node("value", value) for value in plan.values.order_by("order")],
        vision_areas=[Node("vision_area", area) for area in plan.vision_areas.order_by("order")],
        graduate_attributes=[
            Node("attribute", attribute) for attribute in plan.graduate_attributes.order_by("order")
        ],
        goals=goals,
        guardrails=[
            with_measures("guardrail", guardrail, str(position))
            for position, guardrail in enumerate(plan.guardrails.order_by("order"), start=1)
        ],
    )


def _measures_by_parent(plan: Plan) -> dict[tuple[str, int], list[Node]]:
    targets = defaultdict(list)
    for target in Target.objects.filter(measure__plan=plan).order_by("year"):
        targets[target.measure_id].append(target)
    results = defaultdict(list)
    for result in (
        Result.objects.filter(measure__plan=plan).select_related("group").order_by("year")
    ):
        results[result.measure_id].append(result)

    by_parent = defaultdict(list)
    # A measure carried over from the previous plan shows that plan's results as its history.
    history = models.Prefetch(
        "carried_from__results",
        queryset=Result.objects.filter(group=None).exclude(value=None).order_by("year"),
        to_attr="history",
    )
    measure_rows = plan.measures.select_related("carried_from__plan").prefetch_related(
        "breakdown", history
    )
    for measure in measure_rows.order_by("order"):
        parent = next(
            (kind, getattr(measure, f"{kind}_id"))
            for kind in PARENTS
            if getattr(measure, f"{kind}_id")
        )
        siblings = by_parent[parent]
        siblings.append(
            Node(
                kind="measure",
                item=measure,
                number=str(len(siblings) + 1),
                targets=targets[measure.pk],
                results=results[measure.pk],
            )
        )
    return by_parent
