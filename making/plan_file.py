"""The plan's making as a part of the plan file (planning.exchange): its phases, areas,
SWOT by code, outreach with its themes, and priorities with what they cite and what they
were drafted as. Entries are named as the pages show them: SWOT entries by code (W2),
themes by their activity and place (I3.T1), items of the plan by their place (G1.O2)."""

import json

from django.utils.dateparse import parse_date

from making.diagnostic import swot_groups
from making.models import Making, Outreach, Phase, Priority, StrategicArea, SwotEntry
from making.outreach import activities_of
from planning.exchange import Part, PlanFileError, need, parse, when, who
from planning.models import Plan


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


def check(making, refs: set) -> None:
    where = "the plan's making"
    if not isinstance(making, dict):
        raise PlanFileError("“making” of the plan should be dict.")
    for phase in need(making, "phases", list, where):
        need(phase, "name", str, f"a phase of {where}")
        if phase.get("status") not in Phase.Status.values:
            raise PlanFileError(f"The phase “{phase['name']}” has no known status.")
    areas = set(need(making, "areas", list, where))
    codes = set()
    for entry in need(making, "swot", list, where):
        need(entry, "text", str, f"a SWOT entry of {where}")
        if entry.get("kind") not in SwotEntry.Kind.values:
            raise PlanFileError(f"The SWOT entry “{entry['text'][:60]}” has no known kind.")
        codes.add(entry.get("code"))
    themes = set()
    for a, activity in enumerate(need(making, "outreach", list, where), 1):
        at = f"outreach activity {a}"
        if activity.get("kind") not in Outreach.Kind.values:
            raise PlanFileError(f"The {at} has no known kind.")
        if activity.get("audience") not in Outreach.Audience.values:
            raise PlanFileError(f"The {at} has no known audience.")
        if not isinstance(activity.get("reached"), int) or activity["reached"] < 0:
            raise PlanFileError(f"The {at} should say how many people it reached.")
        if parse_date(str(activity.get("held_on"))) is None:
            raise PlanFileError(f"The {at} should have a date written as 2025-10-14.")
        for t, theme in enumerate(activity.get("themes", []), 1):
            need(theme, "text", str, f"theme {t} of the {at}")
            themes.add(f"I{a}.T{t}")
            for area in theme.get("areas", []):
                if area not in areas:
                    raise PlanFileError(f"A theme of the {at} is tagged “{area}”, not an area.")
    for priority in need(making, "priorities", list, where):
        need(priority, "title", str, f"a priority of {where}")
        for cited, known in (
            (priority.get("swot", []), codes),
            (priority.get("themes", []), themes),
            (priority.get("drafted_as", []), refs),
        ):
            for ref in cited:
                if ref not in known:
                    raise PlanFileError(
                        f"The priority “{priority['title']}” points to {json.dumps(ref)}, "
                        "which is not in the plan's making."
                    )


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


PART = Part(key="making", read_out=read_out, check=check, read_in=read_in)
