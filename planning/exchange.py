"""A whole plan as one JSON file, to move or back up a district's plan.

Everything a plan holds goes in: its targets, results, revisions, reviews and
recommendations, and for a plan made here its making (phases, SWOT, input, priorities
and what they were drafted as). Items are named by where they stand (G1, G1.O2,
G1.O2.S3, G1.M1, R1 for a guardrail; W2 for a SWOT entry, I3.T1 for a theme) rather
than by database ids, so that exporting, importing and exporting again gives the same
file. A file is checked whole before anything is created, and created in one
transaction: a bad file creates nothing.
"""

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.dateparse import parse_datetime

from districts.models import District
from planning.models import TREE_SLOTS, Assessment, Packet, Plan, Recommendation, Review
from planning.plan_file import create_plan, due_day, plan_data, upgrade
from planning.versions import first_version

FORMAT = "district-plans/2"
FORMATS = ("district-plans/1", FORMAT)  # version 1 files are upgraded on read
MAX_BYTES = 5_000_000
USERS = (
    "opened_by",
    "closed_by",
    "forwarded_by",
    "drafted_by",
    "decided_by",
    "written_by",
    "started_by",
    "adopted_by",
)


class PlanFileError(ValueError):
    """What is wrong with a plan file, said so that a person can mend it."""


@dataclass(frozen=True)
class Part:
    """A part of the plan file that another app owns, under its own key: the plan's
    making (making.plan_file). It reads itself out of a plan (None when the plan has
    none), checks itself against the refs of the plan's items, and reads itself in."""

    key: str
    read_out: Callable[[Plan, dict], dict | None]
    check: Callable[[object, set], None]
    read_in: Callable[[Plan, dict, dict, dict], None]


PARTS: list[Part] = []


def add_part(part: Part) -> None:
    """Called by the app that owns the part, when it is ready."""
    if part.key not in _part_keys():
        PARTS.append(part)


def _part_keys():
    return [part.key for part in PARTS]


# Out ----------------------------------------------------------------------------------


def export_plan(plan: Plan) -> dict:
    data = plan_data(plan, with_ids=True)
    refs = _name_items(data)
    attribute_refs = {a["id"]: a["ref"] for a in data["graduate_attributes"]}
    _drop_ids(data)
    data["reviews"] = [_review_out(review, refs) for review in plan.reviews.order_by("year")]
    data["packets"] = [
        _packet_out(packet, refs, attribute_refs)
        for packet in plan.packets.order_by("created_at", "pk")
    ]
    for part in PARTS:
        made = part.read_out(plan, refs)
        if made is not None:
            data[part.key] = made
    return {"format": FORMAT, "district": plan.district.name, "plan": data}


LETTERS = {"pillar": "P", "goal": "G", "objective": "O", "strategy": "S", "action_step": "AS"}


def _name_items(data: dict) -> dict[tuple[str, int], str]:
    """Give each item its place-name as "ref"; return (kind, id) -> ref. An item of the
    tree is named by its path, each step its level's letter and its place among its
    parent's items of that level (G1, G1.O2, G1.O2.S3, P1.G2, G1.M1); an item of a
    section by its place across the sections (R1), a section by its place (X1)."""
    refs = {}

    def name(kind, item, ref):
        item["ref"] = ref
        refs[(kind, item["id"])] = ref

    def measures(parent_ref, items):
        for m, measure in enumerate(items, 1):
            name("measure", measure, f"{parent_ref}.M{m}")

    def items(prefix, children):
        seen = {}
        for child in children:
            level = child["level"]
            seen[level] = seen.get(level, 0) + 1
            ref = f"{prefix}{LETTERS[level]}{seen[level]}"
            name(level, child, ref)
            measures(ref, child["measures"])
            items(f"{ref}.", child["children"])

    for kind, key, letter in (
        ("value", "values", "V"),
        ("vision_area", "vision_areas", "A"),
        ("attribute", "graduate_attributes", "T"),
    ):
        for n, item in enumerate(data[key], 1):
            name(kind, item, f"{letter}{n}")
    items("", data["items"])
    r = 0
    for x, section in enumerate(data["sections"], 1):
        name("section", section, f"X{x}")
        for guardrail in section["items"]:
            r += 1
            name("guardrail", guardrail, f"R{r}")
            measures(guardrail["ref"], guardrail["measures"])
    return refs


def _drop_ids(value):
    if isinstance(value, dict):
        value.pop("id", None)
        for item in value.values():
            _drop_ids(item)
    elif isinstance(value, list):
        for item in value:
            _drop_ids(item)


def who(user) -> str | None:
    return user.username if user else None


def when(moment) -> str | None:
    return moment.isoformat() if moment else None


def _review_out(review: Review, refs) -> dict:
    record = review.record
    if record:
        record = json.loads(json.dumps(record))
        for goal in record.get("goals", []):
            key = (goal.get("kind", "goal"), goal.get("goal_id"))
            goal["goal_id"] = refs.get(key, goal.get("goal_id"))
    return {
        "year": review.year,
        "state": review.state,
        "opened_by": who(review.opened_by),
        "opened_at": when(review.opened_at),
        "closed_by": who(review.closed_by),
        "closed_at": when(review.closed_at),
        "record": record,
        "assessments": [
            {
                "item": refs[(_assessed(a), a.head.pk)],
                "rating": a.rating,
                "text": a.text,
                "meeting_date": a.meeting_date.isoformat(),
                "written_by": who(a.written_by),
            }
            for a in review.assessments.select_related("goal", "pillar", "guardrail").order_by("pk")
        ],
    }


def _assessed(assessment) -> str:
    return next(kind for kind in Assessment.ASSESSED if getattr(assessment, f"{kind}_id"))


def _packet_out(packet: Packet, refs, attribute_refs) -> dict:
    return {
        "state": packet.state,
        "created_at": when(packet.created_at),
        "forwarded_by": who(packet.forwarded_by),
        "forwarded_at": when(packet.forwarded_at),
        "closed_at": when(packet.closed_at),
        "recommendations": [
            {
                "action": r.action,
                "item_kind": r.item_kind,
                "item": refs.get((r.item_kind, r.item_id)) if r.item_id else None,
                "parent_kind": r.parent_kind,
                "parent": "plan"
                if r.parent_kind == "plan"
                else refs.get((r.parent_kind, r.parent_id))
                if r.parent_id
                else None,
                "item_label": r.item_label,
                "base": r.base,
                "proposed": _attributes(r.proposed, attribute_refs),
                "changes": r.changes,
                "rationale": r.rationale,
                "state": r.state,
                "drafted_by": who(r.drafted_by),
                "drafted_at": when(r.drafted_at),
                "decision_note": r.decision_note,
                "decided_by": who(r.decided_by),
                "decided_at": when(r.decided_at),
            }
            for r in packet.recommendations.order_by("pk")
        ],
    }


def _attributes(proposed: dict, mapping: dict) -> dict:
    """Graduate attributes in a proposal are ids in the database and refs in a file."""
    if "graduate_attributes" not in proposed:
        return proposed
    return {
        **proposed,
        "graduate_attributes": [
            mapping.get(int(v), v) if str(v).isdigit() else v
            for v in proposed["graduate_attributes"]
        ],
    }


# In -----------------------------------------------------------------------------------


def read(raw: bytes) -> dict:
    if len(raw) > MAX_BYTES:
        raise PlanFileError(
            f"The file is {len(raw) // 1000:,} KB; plan files of up to "
            f"{MAX_BYTES // 1000:,} KB are read."
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise PlanFileError(f"This is not a JSON file ({problem}).") from None
    check(data)
    return data


def check(data) -> None:
    if not isinstance(data, dict) or data.get("format") not in FORMATS:
        found = data.get("format") if isinstance(data, dict) else None
        raise PlanFileError(
            f"This is not a plan file of this version: it should say "
            f'"format": "{FORMAT}", not {json.dumps(found)}.'
        )
    if data["format"] != FORMAT and isinstance(data.get("plan"), dict):
        data["plan"] = upgrade(data["plan"])
        data["format"] = FORMAT
    plan = need(data, "plan", dict, "the file")
    for name, kind in (("title", str), ("start_year", int), ("end_year", int)):
        need(plan, name, kind, "the plan")
    if plan["end_year"] <= plan["start_year"]:
        raise PlanFileError("The plan's end_year must come after its start_year.")
    refs = set()
    attributes = {a.get("name") for a in need(plan, "graduate_attributes", list, "the plan")}
    _items(need(plan, "items", list, "the plan"), "the plan", None, attributes, refs)
    for x, section in enumerate(need(plan, "sections", list, "the plan"), 1):
        where = f"section {x}"
        need(section, "name", str, where)
        for r, guardrail in enumerate(need(section, "items", list, where), 1):
            need(guardrail, "statement", str, f"{where}, item {r}")
            refs.add(guardrail.get("ref"))
            _measures(guardrail, f"{where}, item {r}", refs)
    for review in plan.get("reviews", []):
        for assessment in review.get("assessments", []):
            ref = assessment.get("item", assessment.get("goal"))
            if ref not in refs:
                raise PlanFileError(
                    f"An assessment of the {review.get('year')} review points "
                    f"to {json.dumps(ref)}, which is not in the plan."
                )
    for part in PARTS:
        if part.key in plan:
            part.check(plan[part.key], refs)
    for packet in plan.get("packets", []):
        for recommendation in packet.get("recommendations", []):
            for key in ("item", "parent"):
                ref = recommendation.get(key)
                if ref not in (None, "plan") and ref not in refs:
                    raise PlanFileError(
                        f"The recommendation “{recommendation.get('item_label')}” "
                        f"points to {ref}, which is not in the plan."
                    )


def need(data, key: str, kind: type, where: str):
    if not isinstance(data, dict) or key not in data:
        raise PlanFileError(f"{where.capitalize()} lacks “{key}”.")
    if not isinstance(data[key], kind):
        raise PlanFileError(f"“{key}” of {where} should be {kind.__name__}.")
    return data[key]


def _items(items, where: str, above: str | None, attributes: set, refs: set) -> None:
    """Each item of the tree: a known level, narrower than the one it hangs on, with the
    words its level needs."""
    for n, item in enumerate(items, 1):
        level = item.get("level") if isinstance(item, dict) else None
        if level not in TREE_SLOTS:
            raise PlanFileError(f"Item {n} under {where} has no known level.")
        if above is not None and level not in PARENT_FIELDS_OF[above]:
            raise PlanFileError(f"Item {n} under {where} is a {level}, which cannot hang there.")
        at = f"{level} {n} under {where}"
        need(item, "text" if level in ("strategy", "action_step") else _WORDS[level], str, at)
        if level in ("strategy", "action_step"):
            _work(item, at)
        refs.add(item.get("ref"))
        for name in item.get("graduate_attributes", []):
            if name not in attributes:
                raise PlanFileError(
                    f"{at.capitalize()} serves the graduate attribute “{name}”, "
                    "which the plan does not have."
                )
        _measures(item, at, refs)
        _items(need(item, "children", list, at), at, level, attributes, refs)


def _work(item: dict, at: str) -> None:
    """A strategy's or action step's percent and dates, as the file may write them."""
    percent = item.get("percent", 0)
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise PlanFileError(f"“percent” of {at} should be a whole number from 0 to 100.")
    for name in ("start_on", "due_on"):
        text = item.get(name)
        if text is None:
            continue
        if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
            raise PlanFileError(
                f"“{name}” of {at} should be a day (2026-03-15) or a month (2026-03)."
            )
        try:
            datetime.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
        except ValueError:
            raise PlanFileError(f"“{name}” of {at} is not a real date: {text}.") from None
    start, due = item.get("start_on"), item.get("due_on")
    if start and due and due_day(due) < datetime.date.fromisoformat(start[:7] + "-01"):
        raise PlanFileError(f"{at.capitalize()} is due before it starts.")


_WORDS = {"pillar": "title", "goal": "statement", "objective": "title"}
# What each level may hang on: the broader levels (a level may be skipped under a parent).
PARENT_FIELDS_OF = {
    parent: [slot for slot in TREE_SLOTS if TREE_SLOTS.index(slot) > TREE_SLOTS.index(parent)]
    for parent in TREE_SLOTS
}


def _measures(parent, where, refs):
    for m, measure in enumerate(parent.get("measures", []), 1):
        need(measure, "name", str, f"{where}, measure {m}")
        refs.add(measure.get("ref"))
        for result in measure.get("results", []):
            need(result, "year", int, f"a result of {where}, measure {m}")


@transaction.atomic
def import_plan(district: District, data: dict) -> Plan:
    check(data)
    source = data["plan"]
    plan = create_plan(
        district,
        {k: v for k, v in source.items() if k not in ("reviews", "packets", *_part_keys())},
    )
    ids = {}
    made = plan_data(plan, with_ids=True)
    kinds = {ref: kind for (kind, _), ref in _name_items(made).items()}
    _collect(made, ids)
    people = {
        u.username: u for u in get_user_model().objects.filter(username__in=_usernames(source))
    }
    attribute_ids = {a["ref"]: a["id"] for a in made["graduate_attributes"]}
    for review in source.get("reviews", []):
        record = json.loads(json.dumps(review.get("record"))) if review.get("record") else None
        created = Review.objects.create(
            plan=plan,
            year=review["year"],
            state=review["state"],
            record=record,
            opened_by=people.get(review.get("opened_by")),
            closed_by=people.get(review.get("closed_by")),
            closed_at=parse_datetime(review["closed_at"]) if review.get("closed_at") else None,
        )
        if review.get("opened_at"):
            Review.objects.filter(pk=created.pk).update(
                opened_at=parse_datetime(review["opened_at"])
            )
        for a in review.get("assessments", []):
            ref = a.get("item", a.get("goal"))
            Assessment.objects.create(
                review=created,
                **{f"{kinds[ref]}_id": ids[ref]},
                rating=a["rating"],
                text=a["text"],
                meeting_date=a["meeting_date"],
                written_by=people.get(a.get("written_by")),
            )
    for packet in source.get("packets", []):
        created = Packet.objects.create(
            plan=plan,
            state=packet["state"],
            forwarded_by=people.get(packet.get("forwarded_by")),
            forwarded_at=parse(packet.get("forwarded_at")),
            closed_at=parse(packet.get("closed_at")),
        )
        if packet.get("created_at"):
            Packet.objects.filter(pk=created.pk).update(created_at=parse(packet["created_at"]))
        for r in packet.get("recommendations", []):
            proposed = dict(r.get("proposed", {}))
            if "graduate_attributes" in proposed:
                proposed["graduate_attributes"] = [
                    str(attribute_ids.get(v, v)) for v in proposed["graduate_attributes"]
                ]
            made_rec = Recommendation.objects.create(
                packet=created,
                action=r["action"],
                item_kind=r["item_kind"],
                item_id=ids.get(r.get("item")),
                parent_kind=r.get("parent_kind", ""),
                parent_id=plan.pk if r.get("parent") == "plan" else ids.get(r.get("parent")),
                item_label=r["item_label"],
                base=r.get("base", {}),
                proposed=proposed,
                changes=r.get("changes", []),
                rationale=r["rationale"],
                state=r["state"],
                drafted_by=people.get(r.get("drafted_by")),
                decision_note=r.get("decision_note", ""),
                decided_by=people.get(r.get("decided_by")),
                decided_at=parse(r.get("decided_at")),
            )
            if r.get("drafted_at"):
                Recommendation.objects.filter(pk=made_rec.pk).update(
                    drafted_at=parse(r["drafted_at"])
                )
    for part in PARTS:
        if source.get(part.key):
            part.read_in(plan, source[part.key], ids, people)
    first_version(plan)
    return plan


def parse(value):
    return parse_datetime(value) if value else None


def _collect(value, ids: dict) -> None:
    if isinstance(value, dict):
        if "ref" in value and "id" in value:
            ids[value["ref"]] = value["id"]
        for item in value.values():
            _collect(item, ids)
    elif isinstance(value, list):
        for item in value:
            _collect(item, ids)


def _usernames(source: dict) -> set[str]:
    names = set()
    for review in source.get("reviews", []):
        names |= {review.get(k) for k in USERS} | {
            a.get("written_by") for a in review.get("assessments", [])
        }
    for packet in source.get("packets", []):
        names |= {packet.get(k) for k in USERS}
        for r in packet.get("recommendations", []):
            names |= {r.get(k) for k in USERS}
    for part in PARTS:
        if isinstance(source.get(part.key), dict):
            names |= {source[part.key].get(k) for k in USERS}
    names.discard(None)
    return names
