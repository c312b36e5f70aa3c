"""A whole plan read in a fixed number of queries, numbered as the page and the PDF print it.

Numbering follows the tree: goal 1, its objectives 1.1, 1.2, their strategies 1.1.1.
Strategies that hang directly on a goal come after its objectives and take the next
numbers (1.1, 1.2 in a plan without objectives), so no empty level is printed.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from measures.models import PARENTS, Measure, Result, Target
from planning.models import Goal, Objective, Plan, Strategy


@dataclass
class MeasureNode:
    measure: Measure
    targets: list[Target] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)


@dataclass
class StrategyNode:
    strategy: Strategy
    number: str
    measures: list[MeasureNode] = field(default_factory=list)


@dataclass
class ObjectiveNode:
    objective: Objective
    number: str
    strategies: list[StrategyNode] = field(default_factory=list)
    measures: list[MeasureNode] = field(default_factory=list)


@dataclass
class GoalNode:
    goal: Goal
    number: str
    objectives: list[ObjectiveNode] = field(default_factory=list)
    strategies: list[StrategyNode] = field(default_factory=list)
    measures: list[MeasureNode] = field(default_factory=list)


@dataclass
class GuardrailNode:
    guardrail: object
    number: str
    measures: list[MeasureNode] = field(default_factory=list)


@dataclass
class PlanTree:
    plan: Plan
    values: list
    vision_areas: list
    graduate_attributes: list
    goals: list[GoalNode]
    guardrails: list[GuardrailNode]

    @property
    def counts(self) -> dict[str, int]:
        objectives = [o for g in self.goals for o in g.objectives]
        strategies = [s for g in self.goals for s in g.strategies] + [
            s for o in objectives for s in o.strategies
        ]
        return {
            "goals": len(self.goals),
            "objectives": len(objectives),
            "strategies": len(strategies),
            "measures": sum(1 for _ in self.all_measures()),
        }

    def all_measures(self):
        for goal in self.goals:
            yield from goal.measures
            for objective in goal.objectives:
                yield from objective.measures
                for strategy in objective.strategies:
                    yield from strategy.measures
            for strategy in goal.strategies:
                yield from strategy.measures
        for guardrail in self.guardrails:
            yield from guardrail.measures


def plan_tree(plan: Plan) -> PlanTree:
    measures_by_parent = _measures_by_parent(plan)

    def measures_of(kind: str, pk: int) -> list[MeasureNode]:
        return measures_by_parent.get((kind, pk), [])

    objectives_by_goal = defaultdict(list)
    for objective in Objective.objects.filter(goal__plan=plan).order_by("goal_id", "order"):
        objectives_by_goal[objective.goal_id].append(objective)

    strategies_by_objective = defaultdict(list)
    strategies_by_goal = defaultdict(list)
    for strategy in Strategy.objects.filter(goal__plan=plan).order_by("order"):
        if strategy.objective_id:
            strategies_by_objective[strategy.objective_id].append(strategy)
        else:
            strategies_by_goal[strategy.goal_id].append(strategy)

    goals = []
    goal_rows = plan.goals.prefetch_related("graduate_attributes").order_by("order")
    for goal_position, goal in enumerate(goal_rows, start=1):
        goal_number = str(goal_position)
        node = GoalNode(goal=goal, number=goal_number, measures=measures_of("goal", goal.pk))
        position = 0
        for position, objective in enumerate(objectives_by_goal[goal.pk], start=1):
            objective_number = f"{goal_number}.{position}"
            node.objectives.append(
                ObjectiveNode(
                    objective=objective,
                    number=objective_number,
                    measures=measures_of("objective", objective.pk),
                    strategies=[
                        StrategyNode(
                            strategy=strategy,
                            number=f"{objective_number}.{strategy_position}",
                            measures=measures_of("strategy", strategy.pk),
                        )
                        for strategy_position, strategy in enumerate(
                            strategies_by_objective[objective.pk], start=1
                        )
                    ],
                )
            )
        for offset, strategy in enumerate(strategies_by_goal[goal.pk], start=1):
            node.strategies.append(
                StrategyNode(
                    strategy=strategy,
                    number=f"{goal_number}.{position + offset}",
                    measures=measures_of("strategy", strategy.pk),
                )
            )
        goals.append(node)

    guardrails = [
        GuardrailNode(
            guardrail=guardrail,
            number=str(position),
            measures=measures_of("guardrail", guardrail.pk),
        )
        for position, guardrail in enumerate(plan.guardrails.order_by("order"), start=1)
    ]
    return PlanTree(
        plan=plan,
        values=list(plan.values.all()),
        vision_areas=list(plan.vision_areas.all()),
        graduate_attributes=list(plan.graduate_attributes.all()),
        goals=goals,
        guardrails=guardrails,
    )


def _measures_by_parent(plan: Plan) -> dict[tuple[str, int], list[MeasureNode]]:
    targets = defaultdict(list)
    for target in Target.objects.filter(measure__plan=plan):
        targets[target.measure_id].append(target)
    results = defaultdict(list)
    for result in Result.objects.filter(measure__plan=plan).select_related("group"):
        results[result.measure_id].append(result)

    by_parent = defaultdict(list)
    for measure in plan.measures.order_by("order"):
        kind, pk = next(
            (name, getattr(measure, f"{name}_id"))
            for name in PARENTS
            if getattr(measure, f"{name}_id")
        )
        by_parent[(kind, pk)].append(
            MeasureNode(measure=measure, targets=targets[measure.pk], results=results[measure.pk])
        )
    return by_parent
