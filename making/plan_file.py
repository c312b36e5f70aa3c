"""The plan's making as a part of the plan file (planning.exchange): its phases, areas,
SWOT by code, outreach with its themes, and priorities with what they cite and what they
were drafted as. Entries are named as the pages show them: SWOT entries by code (W2),
themes by their activity and place (I3.T1), items of the plan by their place (G1.O2)."""

import json
from typing import Annotated

from pydantic import Field

from making.diagnostic import swot_groups
from making.models import Making, Outreach, Phase, Priority, StrategicArea, SwotEntry, Theme
from making.outreach import activities_of
from planning.exchange import Part, parse, when, who
from planning.forms import DRAFTED
from planning.models import Plan
from planning.schema import Count, Day, Moment, Ref, Shape, Username, choice, text


def read_out(plan: Plan, refs) -> dict | None:
    making = Making.objects.filter(plan=plan).first()
    return _read_out(making, refs) if making else None


PHASE_DATES = ("planned_start", "planned_end", "actual_start", "actual_end")


def _read_out(making: Making, refs) -> dict:
    """Entries are named as the workspace shows them: SWOT entries by code (W2), themes
    by their activity and place (I3.T1), items of the plan by their place (G1.O2)."""
    swot = [entry for group in swot_groups(making) for entry in group.entries]
    activities = activities_of(making)
    theme_refs = {
        theme.pk: f"I{a}.T{t}"
        for a, activity in enumerate(activities, 1)
        for t, theme in enumerate(activity.themes.all(), 1)
    }
    priorities = making.priorities.order_by("order").prefetch_related(
        "swot_entries", "themes", "goals", "objectives", "strategies"
    )
    codes = {entry.pk: entry.code for entry in swot}
    return {
        "started_by": who(making.started_by),
        "started_at": when(making.started_at),
        "adopted_by": who(making.adopted_by),
        "adopted_at": when(making.adopted_at),
        "phases": [
            {
                "name": phase.name,
                "status": phase.status,
                "lead": phase.lead,
                **{name: when(getattr(phase, name)) for name in PHASE_DATES},
            }
            for phase in making.phases.order_by("order")
        ],
        "areas": list(making.areas.order_by("order").values_list("name", flat=True)),
        "swot": [
            {
                "code": entry.code,
                "kind": entry.kind,
                "text": entry.text,
                "evidence": entry.evidence,
                "source": entry.source,
            }
            for entry in swot
        ],
        "outreach": [
            {
                "kind": activity.kind,
                "held_on": activity.held_on.isoformat(),
                "audience": activity.audience,
                "reached": activity.reached,
                "description": activity.description,
                "themes": [
                    {"text": theme.text, "areas": [area.name for area in theme.areas.all()]}
                    for theme in activity.themes.all()
                ],
            }
            for activity in activities
        ],
        "priorities": [
            {
                "title": priority.title,
                "description": priority.description,
                "swot": sorted(
                    (codes[e.pk] for e in priority.swot_entries.all()),
                    key=lambda code: ("SWOT".index(code[0]), int(code[1:])),
                ),
                "themes": sorted(theme_refs[t.pk] for t in priority.themes.all()),
                "drafted_as": [
                    refs[(kind, item.pk)]
                    for kind, items in (
                        ("goal", priority.goals.all()),
                        ("objective", priority.objectives.all()),
                        ("strategy", priority.strategies.all()),
                    )
                    for item in sorted(items, key=lambda item: refs[(kind, item.pk)])
                ],
            }
            for priority in priorities
        ],
    }


class PhaseShape(Shape):
    name: text(Phase, "name", required=True)
    status: choice(Phase, "status") = "not_started"
    lead: text(Phase, "lead") = ""
    planned_start: Day | None = None
    planned_end: Day | None = None
    actual_start: Day | None = None
    actual_end: Day | None = None


class SwotShape(Shape):
    code: Annotated[str, Field(max_length=12)]
    kind: choice(SwotEntry, "kind")
    text: text(SwotEntry, "text", required=True)
    evidence: text(SwotEntry, "evidence") = ""
    source: text(SwotEntry, "source") = ""


class ThemeShape(Shape):
    text: text(Theme, "text", required=True)
    areas: list[text(StrategicArea, "name")] = []


class OutreachShape(Shape):
    kind: choice(Outreach, "kind")
    held_on: Day
    audience: choice(Outreach, "audience")
    reached: Count
    description: text(Outreach, "description") = ""
    themes: list[ThemeShape] = []


class PriorityShape(Shape):
    title: text(Priority, "title", required=True)
    description: text(Priority, "description") = ""
    swot: list[Ref] = []
    themes: list[Ref] = []
    drafted_as: list[Ref] = []


class MakingShape(Shape):
    started_by: Username | None = None
    started_at: Moment | None = None
    adopted_by: Username | None = None
    adopted_at: Moment | None = None
    phases: list[PhaseShape] = []
    areas: list[text(StrategicArea, "name")] = []
    swot: list[SwotShape] = []
    outreach: list[OutreachShape] = []
    priorities: list[PriorityShape] = []


def check(making: dict, kinds: dict[str, str]) -> list[tuple[tuple, str]]:
    """What the shape cannot see: names given twice, dates in order, and what themes and
    priorities point to."""
    at, problems = ("plan", "making"), []
    for n, phase in enumerate(making["phases"]):
        for which in ("planned", "actual"):
            start, end = phase[f"{which}_start"], phase[f"{which}_end"]
            if start and end and end < start:
                problems.append(((*at, "phases", n, f"{which}_end"), f"comes before {start}"))
    areas = set()
    for n, area in enumerate(making["areas"]):
        if area in areas:
            problems.append(((*at, "areas", n), f"“{area}” is named twice"))
        areas.add(area)
    codes = set()
    for n, entry in enumerate(making["swot"]):
        if entry["code"] in codes:
            problems.append(((*at, "swot", n, "code"), f"{entry['code']} is given twice"))
        codes.add(entry["code"])
    themes = set()
    for a, activity in enumerate(making["outreach"], 1):
        for t, theme in enumerate(activity["themes"], 1):
            themes.add(f"I{a}.T{t}")
            for area in theme["areas"]:
                if area not in areas:
                    problems.append(
                        (
                            (*at, "outreach", a - 1, "themes", t - 1, "areas"),
                            f"“{area}” is not one of the making's areas",
                        )
                    )
    for n, priority in enumerate(making["priorities"]):
        for key, known in (("swot", codes), ("themes", themes)):
            for ref in priority[key]:
                if ref not in known:
                    problems.append(
                        (
                            (*at, "priorities", n, key),
                            f"points to {json.dumps(ref)}, which is not in the plan's making",
                        )
                    )
        for ref in priority["drafted_as"]:
            if kinds.get(ref) not in DRAFTED:
                problems.append(
                    (
                        (*at, "priorities", n, "drafted_as"),
                        f"points to {json.dumps(ref)}, which is not a goal, objective or "
                        "strategy of the plan",
                    )
                )
    return problems


def read_in(plan: Plan, data: dict, ids: dict, people: dict) -> None:
    making = Making.objects.create(
        plan=plan,
        started_by=people.get(data.get("started_by")),
        adopted_by=people.get(data.get("adopted_by")),
        adopted_at=parse(data.get("adopted_at")),
    )
    if data.get("started_at"):
        Making.objects.filter(pk=making.pk).update(started_at=parse(data["started_at"]))
    Phase.objects.bulk_create(
        Phase(
            making=making,
            order=n,
            name=phase["name"],
            status=phase["status"],
            lead=phase.get("lead", ""),
            **{name: phase.get(name) for name in PHASE_DATES},
        )
        for n, phase in enumerate(data["phases"], 1)
    )
    areas = {
        name: StrategicArea.objects.create(making=making, order=n, name=name)
        for n, name in enumerate(data["areas"], 1)
    }
    entries, orders = {}, {}
    for entry in data["swot"]:
        orders[entry["kind"]] = orders.get(entry["kind"], 0) + 1
        entries[entry.get("code")] = SwotEntry.objects.create(
            making=making,
            kind=entry["kind"],
            order=orders[entry["kind"]],
            text=entry["text"],
            evidence=entry.get("evidence", ""),
            source=entry.get("source", ""),
        )
    themes = {}
    for a, activity in enumerate(data["outreach"], 1):
        made = Outreach.objects.create(
            making=making,
            order=a,
            kind=activity["kind"],
            held_on=activity["held_on"],
            audience=activity["audience"],
            reached=activity["reached"],
            description=activity.get("description", ""),
        )
        for t, theme in enumerate(activity.get("themes", []), 1):
            themes[f"I{a}.T{t}"] = made.themes.create(order=t, text=theme["text"])
            themes[f"I{a}.T{t}"].areas.set(areas[name] for name in theme.get("areas", []))
    for n, priority in enumerate(data["priorities"], 1):
        made = Priority.objects.create(
            making=making,
            order=n,
            title=priority["title"],
            description=priority.get("description", ""),
        )
        made.swot_entries.set(entries[code] for code in priority.get("swot", []))
        made.themes.set(themes[ref] for ref in priority.get("themes", []))
        drafted = priority.get("drafted_as", [])
        for kind, letter in (("goals", "G"), ("objectives", "O"), ("strategies", "S")):
            getattr(made, kind).set(
                ids[ref] for ref in drafted if ref.rsplit(".", 1)[-1].startswith(letter)
            )


PART = Part(key="making", read_out=read_out, shape=MakingShape, check=check, read_in=read_in)
