"""The summary of a plan's making: what the overview page and the one-page PDF show,
and the ranked priorities with what supports them and what they were drafted as."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from making.diagnostic import SwotGroup, swot_groups
from making.models import Making, Outreach, Phase, Priority, short
from making.outreach import InputCounts, activities_of, input_counts
from planning.models import Plan


def priorities_of(making: Making, codes: dict[int, str]) -> list[Priority]:
    """The ranked priorities with what supports them and what they were drafted as."""
    priorities = list(
        making.priorities.order_by("order").prefetch_related(
            "swot_entries", "themes__outreach", "goals", "objectives", "strategies"
        )
    )
    plan = making.plan
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


@dataclass
class MakingSummary:
    making: Making
    plan: Plan
    phases: list[Phase]
    swot: list[SwotGroup]
    counts: InputCounts
    priorities: list[Priority]
    activities: list[Outreach]

    @property
    def unfinished_phases(self) -> list[Phase]:
        return [phase for phase in self.phases if phase.status != Phase.Status.DONE]


def summary(making: Making) -> MakingSummary:
    swot = swot_groups(making)
    codes = {entry.pk: entry.code for group in swot for entry in group.entries}
    activities = activities_of(making)
    return MakingSummary(
        making=making,
        plan=making.plan,
        phases=list(making.phases.order_by("order")),
        swot=swot,
        counts=input_counts(activities, list(making.areas.order_by("order"))),
        priorities=priorities_of(making, codes),
        activities=activities,
    )


def summary_html(document, plan: Plan, context: dict) -> str:
    """The one-page summary of how the plan was made, as the PDF's HTML."""
    making = Making.objects.select_related("follows").get(plan=plan)
    making.plan = plan
    return render_to_string("documents/making.html", {**context, "summary": summary(making)})
