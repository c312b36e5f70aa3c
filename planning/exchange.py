"""A whole plan as one JSON file, to move or back up a district's plan.

Everything a plan holds goes in: its targets, results, revisions, reviews and
recommendations, and for a plan made here its making (phases, SWOT, input, priorities
and what they were drafted as). Items are named by where they stand (G1, G1.O2,
G1.O2.S3, G1.M1, R1 for a guardrail; W2 for a SWOT entry, I3.T1 for a theme) rather
than by database ids, so that exporting, importing and exporting again gives the same
file. A file is checked whole before anything is created, and created in one
transaction: a bad file creates nothing.
"""

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils.dateparse import parse_datetime
from pydantic import ValidationError

from districts.models import District
from planning.cycle.proposals import PLAN_LEVEL, PLAN_PART, PROPOSED_PARTS, of_the_plan
from planning.kinds import KINDS, can_hang_on
from planning.models import (
    TREE_SLOTS,
    Assessment,
    Packet,
    Plan,
    Recommendation,
    Review,
)
from planning.models.plan import LONGEST_PERIOD, Slot
from planning.plan_file import (
    create_plan,
    invited_owners_written,
    people_not_members,
    plan_data,
    upgrade,
)
from planning.schema import TAG, FileShape, PlanShape, Shape
from planning.versions import first_version

logger = logging.getLogger(__name__)

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
    """What is wrong with a plan file, said so that a person can mend it: one line a
    problem, each naming its place in the file."""

    def __init__(self, *problems: str):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Part:
    """A part of the plan file that another app owns, under its own key: the plan's
    making (making.plan_file). It reads itself out of a plan (None when the plan has
    none), declares its shape, checks what its shape cannot see against the places of
    the plan's items (ref -> kind), and reads itself in."""

    key: str
    read_out: Callable[[Plan, dict], dict | None]
    shape: type[Shape]
    check: Callable[[dict, dict[str, str]], list[tuple[tuple, str]]]
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
    """Give each item its place-name as "ref"; return (kind, id) -> ref."""
    refs = {}
    for kind, item, ref in _places(data):
        item["ref"] = ref
        refs[(kind, item.get("id"))] = ref
    return refs


def _places(data: dict):
    """(kind, item, ref) for each item of plan data. An item of the tree is named by its
    path, each step its level's letter and its place among its parent's items of that
    level (G1, G1.O2, G1.O2.S3, P1.G2, G1.M1); an item of a section by its place across
    the sections (R1), a section by its place (X1)."""

    def measures(parent_ref, items):
        for m, measure in enumerate(items, 1):
            yield "measure", measure, f"{parent_ref}.M{m}"

    def items(prefix, children):
        seen = {}
        for child in children:
            level = child["level"]
            seen[level] = seen.get(level, 0) + 1
            ref = f"{prefix}{LETTERS[level]}{seen[level]}"
            yield level, child, ref
            yield from measures(ref, child.get("measures", []))
            yield from items(f"{ref}.", child.get("children", []))

    for kind, key, letter in (
        ("value", "values", "V"),
        ("vision_area", "vision_areas", "A"),
        ("attribute", "graduate_attributes", "T"),
    ):
        for n, item in enumerate(data.get(key, []), 1):
            yield kind, item, f"{letter}{n}"
    yield from items("", data.get("items", []))
    r = 0
    for x, section in enumerate(data.get("sections", []), 1):
        yield "section", section, f"X{x}"
        for guardrail in section.get("items", []):
            r += 1
            yield "guardrail", guardrail, f"R{r}"
            yield from measures(f"R{r}", guardrail.get("measures", []))


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
                "item": "plan"
                if of_the_plan(r.item_kind)
                else refs.get((r.item_kind, r.item_id))
                if r.item_id
                else None,
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
    """The plan file, parsed and checked whole; PlanFileError says what is wrong."""
    if len(raw) > MAX_BYTES:
        raise PlanFileError(
            f"The file is larger than {MAX_BYTES // 1000:,} KB; plan files of up to "
            f"{MAX_BYTES // 1000:,} KB are read."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise PlanFileError(f"This is not a JSON file ({problem}).") from None
    if _deepest(text) > MAX_DEPTH:
        raise PlanFileError(
            f"This file nests lists and objects more than {MAX_DEPTH} deep; "
            "a plan file is never nested that deep."
        )
    try:
        data = json.loads(text)
    except ValueError as problem:  # a number of thousands of digits is a ValueError too
        raise PlanFileError(f"This is not a JSON file ({problem}).") from None
    check(data)
    return data


MAX_DEPTH = 64  # a plan file nests about 20 deep; json.loads recurses once a level
SHOWN = 5  # problems told at once: the first few are enough to mend a file by
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def _deepest(text: str) -> int:
    """How deep the text nests its lists and objects, brackets in strings aside: read
    before json.loads, which would run out of stack on a file nested 100,000 deep."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                break
    return deepest


Problem = tuple[tuple, str]


def check(data) -> dict:
    """The file against the schema of planning.schema (and each part's), then what spans
    places of it: refs that point to items of the plan, a period, one review a year. A
    version 1 file is upgraded first. Returns the plan as the schema read it, every field
    there; raises PlanFileError naming the first few places that are wrong, and how."""
    _refuse(list(_characters(data)))
    if not isinstance(data, dict) or data.get("format") not in FORMATS:
        found = data.get("format") if isinstance(data, dict) else None
        raise PlanFileError(
            f"This is not a plan file of this version: it should say "
            f'"format": "{FORMAT}", not {json.dumps(found)[:60]}.'
        )
    _refuse(_shape(FileShape, data, ())[1])
    if data["format"] != FORMAT:
        try:
            data["plan"] = upgrade(data["plan"])
        except (AttributeError, KeyError, TypeError, ValueError):
            raise PlanFileError(
                "plan: this version 1 file's goals, guardrails or labels are not laid out "
                "as version 1 files are (fixtures/FORMAT.md)."
            ) from None
        data["format"] = FORMAT
    source = data["plan"]
    parts = [part for part in PARTS if part.key in source]
    checked, problems = _shape(
        PlanShape, {k: v for k, v in source.items() if k not in _part_keys()}
    )
    for part in parts:
        made, wrong = _shape(part.shape, source[part.key], ("plan", part.key))
        problems += wrong
        if made is not None and checked is not None:
            checked[part.key] = made
    _refuse(problems)
    kinds = place_kinds(checked)
    problems = _across(checked, kinds)
    for part in parts:
        problems += part.check(checked[part.key], kinds)
    _refuse(problems)
    return checked


def _shape(shape: type[Shape], value, at: tuple = ("plan",)) -> tuple[dict | None, list[Problem]]:
    """The value as the shape reads it, every field there; or None and what is wrong."""
    try:
        return shape.model_validate(value).model_dump(), []
    except ValidationError as wrong:
        return None, [(at + tuple(error["loc"]), _words(error)) for error in wrong.errors()]


WORDS = {
    "missing": "is missing",
    "extra_forbidden": "is not a field a plan file has here",
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "bool_type": "should be true or false",
    "list_type": "should be a list [ … ]",
    "dict_type": "should be an object { … }",
    "model_type": "should be an object { … }",
    "model_attributes_type": "should be an object { … }",
    "string_too_short": "should not be empty",
    "string_pattern_mismatch": "holds characters that do not belong here",
}


def _words(error: dict) -> str:
    """What pydantic found, in words that fit after the place."""
    kind, context, found = error["type"], error.get("ctx", {}), error.get("input")
    if kind in WORDS:
        return WORDS[kind]
    if kind == "value_error":
        return str(context["error"])
    if kind == "literal_error":
        return f"should be one of {context['expected']}, not {json.dumps(found)[:60]}"
    if kind == "string_too_long":
        return f"is {len(found):,} characters long; at most {context['max_length']:,} are kept"
    if kind == "greater_than_equal":
        return f"should be at least {context['ge']}, not {found}"
    if kind == "less_than_equal":
        return f"should be at most {context['le']}, not {str(found)[:40]}"
    return error["msg"]


def where(place: tuple) -> str:
    """plan.items[2].children[0].measures[1].targets.2024"""
    written = ""
    for step in place:
        if isinstance(step, int):
            written += f"[{step}]"
        elif step != "[key]" and not str(step).startswith(TAG):
            written += f".{step}" if written else str(step)
    return written or "the file"


def _refuse(problems: list[Problem]) -> None:
    if not problems:
        return
    told = [f"{where(place)}: {words}" for place, words in problems[:SHOWN]]
    if len(problems) > SHOWN:
        more = len(problems) - SHOWN
        told.append(f"… and {more} more problem{'s' if more > 1 else ''}.")
    raise PlanFileError(*told)


def _characters(data) -> list[Problem]:
    """Text that no database keeps (a NUL, half of a surrogate pair), and nesting deeper
    than a plan file's, for data that did not come through read()."""
    problems, stack = [], [((), data)]
    while stack and len(problems) < SHOWN:
        place, value = stack.pop()
        if len(place) > MAX_DEPTH:
            return [(place[:MAX_DEPTH], f"nests more than {MAX_DEPTH} deep")]
        if isinstance(value, dict):
            if not all(isinstance(key, str) for key in value):
                problems.append((place, "has a key that is not text"))
                continue
            stack += [((*place, key), key) for key in value]
            stack += [((*place, key), inner) for key, inner in reversed(value.items())]
        elif isinstance(value, list):
            stack += [((*place, n), v) for n, v in reversed(list(enumerate(value)))]
        elif isinstance(value, str):
            if "\x00" in value:
                problems.append((place, "holds a NUL character (\\u0000), which is kept nowhere"))
            else:
                try:
                    value.encode()
                except UnicodeEncodeError:
                    problems.append(
                        (place, "holds half of a character (a lone \\ud800 to \\udfff)")
                    )
    return problems


def _across(plan: dict, kinds: dict[str, str]) -> list[Problem]:
    """What the schema of one field cannot see: the period, where each item hangs, refs
    that point to items of the plan, one result a year, one review a year."""
    problems = []
    start, end = plan["start_year"], plan["end_year"]
    if end <= start:
        problems.append(
            ((*P, "end_year"), f"the plan's end_year must come after its start_year ({start})")
        )
    elif end - start > LONGEST_PERIOD:
        problems.append(
            (
                (*P, "end_year"),
                f"a plan's period spans at most {LONGEST_PERIOD} years, "
                f"not {end - start} ({start}–{end})",
            )
        )
    attributes = {a["name"] for a in plan["graduate_attributes"]}
    problems += _tree(plan["items"], (*P, "items"), None, attributes)
    for x, section in enumerate(plan["sections"]):
        for r, guardrail in enumerate(section["items"]):
            problems += _measures(
                guardrail["measures"], (*P, "sections", x, "items", r, "measures")
            )
    years = set()
    for n, review in enumerate(plan["reviews"]):
        at = (*P, "reviews", n)
        if review["year"] in years:
            problems.append(((*at, "year"), f"the plan has another review of {review['year']}"))
        years.add(review["year"])
        if review["state"] == "closed":
            for name in ("closed_at", "record"):
                if review[name] is None:
                    problems.append(((*at, name), "a closed review needs it"))
        assessed = set()
        for a, assessment in enumerate(review["assessments"]):
            ref = assessment["item"] or assessment["goal"]
            if kinds.get(ref) not in Assessment.ASSESSED:
                problems.append(
                    (
                        (*at, "assessments", a, "item"),
                        f"points to {ref}, which is not in the plan as a goal, pillar or guardrail",
                    )
                )
            elif ref in assessed:
                problems.append(
                    ((*at, "assessments", a, "item"), f"{ref} is assessed twice in this review")
                )
            assessed.add(ref)
    attribute_refs = {ref for ref, kind in kinds.items() if kind == "attribute"}
    drafting = 0
    for n, packet in enumerate(plan["packets"]):
        drafting += packet["state"] == "drafting"
        if drafting > 1 and packet["state"] == "drafting":
            problems.append(
                ((*P, "packets", n, "state"), "a plan has one packet being drafted at most")
            )
        for r, recommendation in enumerate(packet["recommendations"]):
            problems += _recommendation(
                recommendation, (*P, "packets", n, "recommendations", r), kinds, attribute_refs
            )
    return problems


P = ("plan",)


def _recommendation(
    recommendation: dict, at: tuple, kinds: dict, attribute_refs: set
) -> list[Problem]:
    problems = []
    kind = recommendation["item_kind"]
    item, parent = recommendation["item"], recommendation["parent"]
    parts = [f"{PLAN_PART}{part}" for part in PROPOSED_PARTS]
    parts += [f"{PLAN_LEVEL}{slot}" for slot in Slot.values]
    if kind in parts:
        if recommendation["action"] != "change" or item != "plan":
            return [((*at, "item"), f"a {kind} recommendation changes the plan itself")]
        return []
    if kind not in KINDS:
        return [
            (
                (*at, "item_kind"),
                f"should be one of {', '.join([*KINDS, *parts])}, not {json.dumps(kind)[:40]}",
            )
        ]
    if item is not None and kinds.get(item) != kind:
        problems.append(((*at, "item"), f"points to {item}, which is not in the plan as a {kind}"))
    if recommendation["action"] == "add":
        parent_kind = recommendation["parent_kind"]
        if not can_hang_on(kind, parent_kind):
            problems.append(
                (
                    (*at, "parent_kind"),
                    f"a {kind} cannot be added under a {parent_kind or 'nothing'}",
                )
            )
        elif (parent != "plan" or parent_kind != "plan") and kinds.get(parent) != parent_kind:
            problems.append(
                (
                    (*at, "parent"),
                    f"points to {parent}, which is not in the plan as a {parent_kind}",
                )
            )
    elif item is None:
        problems.append(((*at, "item"), "is missing: only an add names no item"))
    attributes = recommendation["proposed"].get("graduate_attributes", [])
    if not isinstance(attributes, list) or not all(isinstance(a, str) for a in attributes):
        problems.append(
            ((*at, "proposed", "graduate_attributes"), "should be a list of places such as T1")
        )
    else:
        for ref in attributes:
            if ref not in attribute_refs and not ref.isdigit():
                problems.append(
                    (
                        (*at, "proposed", "graduate_attributes"),
                        f"points to {ref}, which is not a graduate attribute of the plan",
                    )
                )
    return problems


def _tree(items: list, at: tuple, above: str | None, attributes: set) -> list[Problem]:
    """Each item narrower than the one it hangs on, with the attributes the plan has."""
    problems = []
    for n, item in enumerate(items):
        here, level = (*at, n), item["level"]
        if above is not None and level not in PARENT_FIELDS_OF[above]:
            problems.append(((*here, "level"), f"a {level} cannot hang under a {above}"))
        for name in item.get("graduate_attributes", []):
            if name not in attributes:
                problems.append(
                    (
                        (*here, "graduate_attributes"),
                        f"“{name}” is not a graduate attribute of the plan",
                    )
                )
        if (
            item.get("start_year")
            and item.get("end_year")
            and item["end_year"] < item["start_year"]
        ):
            problems.append(((*here, "end_year"), "should not come before its start_year"))
        problems += _measures(item["measures"], (*here, "measures"))
        problems += _tree(item["children"], (*here, "children"), level, attributes)
    return problems


def _measures(measures: list, at: tuple) -> list[Problem]:
    problems = []
    for m, measure in enumerate(measures):
        # A district's student group is one whatever the case it is written in.
        seen = set()
        for r, result in enumerate(measure["results"]):
            key = (result["year"], (result["group"] or "").lower())
            if key in seen:
                problems.append(
                    (
                        (*at, m, "results", r),
                        f"a second result for {result['year']}, "
                        f"{result['group'] or 'all students'}",
                    )
                )
            seen.add(key)
        groups = {}
        for name in measure["group_targets"]:
            if name.lower() in groups:
                problems.append(
                    (
                        (*at, m, "group_targets", name),
                        f"is the student group {groups[name.lower()]} again: "
                        "a group is the same whatever its case",
                    )
                )
            groups.setdefault(name.lower(), name)
    return problems


# What each level may hang on: the broader levels (a level may be skipped under a parent).
PARENT_FIELDS_OF = {
    parent: [slot for slot in TREE_SLOTS if TREE_SLOTS.index(slot) > TREE_SLOTS.index(parent)]
    for parent in TREE_SLOTS
}


def place_kinds(plan: dict) -> dict[str, str]:
    """ref -> kind, for each item of plan data by the place it stands at."""
    return {ref: kind for kind, _, ref in _places(plan)}


def import_plan(district: District, data: dict) -> Plan:
    """The file as a new plan of the district, all of it or, for a bad file, nothing."""
    try:
        return _import_plan(district, data)
    except DatabaseError as problem:
        # What the schema should have refused reached the database: logged to be mended,
        # and told as a refused file rather than a server error.
        logger.exception("A plan file the schema passed was refused by the database")
        raise PlanFileError(
            f"The plan could not be stored ({problem}); nothing was created."
        ) from problem


@transaction.atomic
def _import_plan(district: District, data: dict) -> Plan:
    source = check(data)
    plan = create_plan(
        district,
        {k: v for k, v in source.items() if k not in ("reviews", "packets", *_part_keys())},
    )
    ids = {}
    made = plan_data(plan, with_ids=True)
    kinds = {ref: kind for (kind, _), ref in _name_items(made).items()}
    _collect(made, ids)
    people = plan.members_by_username  # never someone of another district (import_notes)
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
            ref = a["item"] or a["goal"]
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
                item_id=plan.pk if r.get("item") == "plan" else ids.get(r.get("item")),
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


def import_notes(plan: Plan, data: dict) -> list[str]:
    """What an import of plan data kept otherwise than the file says, to tell whoever
    imported it: owners invited elsewhere, kept by their email, and people who are not
    members of the district, kept as nobody."""
    notes = []
    written = invited_owners_written(plan.district, data)
    if written:
        notes.append(
            f"Owners the file names as invited, but not invited to {plan.district}, "
            f"are written by their email: {', '.join(written)}."
        )
    strangers = set(people_not_members(plan, data))
    strangers |= {name for name in _usernames(data) if name not in plan.members_by_username}
    if strangers:
        notes.append(
            f"The file names people who are not members of {plan.district}; what they "
            f"entered, wrote or decided is kept without a name: {', '.join(sorted(strangers))}."
        )
    return notes


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
