"""A plan, or one item of it with everything under it, as a JSON-ready dict and back.

The shape is the one fixtures/FORMAT.md describes (version 2: the plan's levels, its
tree of items of any level, sections beside it, values as written). Reading an item out
and creating it again loses nothing: undoing a delete does exactly that. With keep_ids
the items come back under their old ids, so their history still points at them.
Version 1 data (files, and versions kept before the plan's structure was its own) is
upgraded on read by upgrade().
"""

from collections.abc import Callable

from django.db import transaction
from django.utils.dateparse import parse_datetime

from districts.models import District
from districts.people import display_name, open_invitations
from measures.models import Measure, Result, Revision, StudentGroup, Target
from measures.numbers import as_written, read_number
from planning import month_or_day
from planning.models import (
    ITEM_MODELS,
    PARENT_FIELDS,
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Level,
    Plan,
    Section,
    Slot,
    VisionArea,
    plural,
)
from planning.tree import WORK_SLOTS, tree_items

PLAN_FIELDS = (
    "title",
    "tagline",
    "start_year",
    "end_year",
    "status",
    "notes",
    "mission",
    "vision",
    "theory_of_action",
    "graduate_profile_title",
    "published",
    "years_are",
)
LEVEL_FIELDS = ("singular", "plural", "used", "numbering", "style")
# What each level of the tree holds besides its code and what hangs under it.
ITEM_FIELDS = {
    "pillar": ("title", "statement"),
    "goal": ("title", "statement", "rationale"),
    "objective": ("title", "description"),
    "strategy": (
        "text",
        "sub_points",
        "owner",
        "start_year",
        "end_year",
        "status",
        "percent",
        "funding_source",
    ),
}
ITEM_FIELDS["action_step"] = ITEM_FIELDS["strategy"]
SECTION_FIELDS = (
    "name",
    "item_label",
    "measure_label",
    "measure_plural",
    "prefix",
    "numbering",
    "style",
)
MEASURE_FIELDS = (
    "code",
    "name",
    "data_source",
    "kind",
    "unit",
    "decimals",
    "direction",
    "baseline_year",
    "baseline_month",
    "target_form",
    "final_target_year",
    "final_target_month",
    "target_text",
)


# Reading out -------------------------------------------------------------------------


class _Plan:
    """A plan's items, measures and everything under them, read in a fixed number of
    queries, to be read out whole or item by item."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.children = tree_items(plan)
        self.measures = {}
        measures = (
            Measure.objects.filter(plan=plan)
            .select_related("results_by")
            .prefetch_related("breakdown", "targets__group", "results__group")
            .prefetch_related("results__entered_by", "revisions__changed_by")
            .order_by("order")
        )
        for measure in measures:
            key = (measure.parent_kind, getattr(measure, f"{measure.parent_kind}_id"))
            self.measures.setdefault(key, []).append(measure)

    def measures_of(self, kind: str, item, with_ids: bool) -> list[dict]:
        return [measure_data(m, with_ids=with_ids) for m in self.measures.get((kind, item.pk), [])]

    def item(self, kind: str, item, with_ids: bool) -> dict:
        data = {"level": kind, "code": item.code}
        data |= {name: getattr(item, name) for name in ITEM_FIELDS[kind]}
        if kind in WORK_SLOTS:
            data["cost"] = as_written(item.cost)
            data |= owner_and_dates(item, item.owner_user)  # read with the item (tree_items)
        if kind == "goal":
            data["graduate_attributes"] = [a.name for a in item.graduate_attributes.all()]
        data["measures"] = self.measures_of(kind, item, with_ids)
        data["children"] = [
            self.item(child_kind, child, with_ids)
            for child_kind, child in self.children.get((kind, item.pk), [])
        ]
        return _with_id(data, item, with_ids)


def measure_data(measure: Measure, *, with_ids: bool = False) -> dict:
    data = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    targets = [t for t in measure.targets.all()]
    data |= {
        "baseline_value": as_written(measure.baseline_value, measure.baseline_places),
        "final_target": as_written(measure.final_target, measure.final_target_places),
        "targets": {
            str(t.year): as_written(t.value, t.places)
            for t in sorted(targets, key=lambda t: t.year)
            if t.group_id is None
        },
        "group_targets": _group_targets(targets),
        "breakdown": [group.name for group in measure.breakdown.all()],
        "results": [
            {
                "year": result.year,
                "group": result.group.name if result.group else None,
                "value": as_written(result.value, result.places),
                "note": result.note,
                "entered_by": result.entered_by.username if result.entered_by else None,
                "entered_at": result.entered_at.isoformat(),
            }
            for result in sorted(measure.results.all(), key=lambda r: (r.year, r.pk))
        ],
        "revisions": [
            {
                "field": revision.field,
                "year": revision.year,
                "old_value": revision.old_value,
                "new_value": revision.new_value,
                "reason": revision.reason,
                "changed_by": revision.changed_by.username if revision.changed_by else None,
                "changed_at": revision.changed_at.isoformat(),
            }
            for revision in sorted(measure.revisions.all(), key=lambda r: r.pk)
        ],
    }
    if measure.results_by_id:  # who enters its results: a member, by their username
        data["results_by"] = measure.results_by.username
    return _with_id(data, measure, with_ids)


def _group_targets(targets: list[Target]) -> dict[str, dict[str, str]]:
    by_group = {}
    for target in sorted(targets, key=lambda t: t.year):
        if target.group_id:
            by_group.setdefault(target.group.name, {})[str(target.year)] = as_written(
                target.value, target.places
            )
    return by_group


def owner_and_dates(item, owner) -> dict:
    """The owner as a name and, for a member, their username, or for someone invited who
    has not joined, the email invited; the dates as written: a day (2026-03-15) or a
    month (2026-03)."""
    data = {}
    if owner is not None:
        data["owner"] = display_name(owner)
        data["owner_username"] = owner.username
    elif item.owner_invitation_id:
        data["owner_invited"] = item.owner_invitation.email
    for name in ("start", "due"):
        day, precision = getattr(item, f"{name}_on"), getattr(item, f"{name}_precision")
        if day is not None:
            data[f"{name}_on"] = month_or_day.written(day, precision)
    return data


def read_owner_and_dates(plan: Plan, data: dict, invitations: dict) -> dict:
    """The fields of a strategy or action step from its owner and dates as written. A
    username names the owner only when it is a member of the plan's district; an email
    invited is looked up once, then kept in invitations."""
    fields = {}
    user = member_named(plan, data.get("owner_username"))
    if user is not None:
        fields |= {"owner_user": user, "owner": ""}
    elif data.get("owner_invited"):
        email = data["owner_invited"].lower()
        if email not in invitations:
            invitations[email] = invitation_for(plan.district_id, email)
        invitation = invitations[email]
        if invitation is not None:
            fields |= {"owner_invitation": invitation, "owner": ""}
        else:
            fields["owner"] = data.get("owner") or data["owner_invited"]
    for name in ("start", "due"):
        text = data.get(f"{name}_on")
        if text:
            day, precision = month_or_day.read(text)
            fields[f"{name}_on"] = month_or_day.kept_day(name, day, precision)
            fields[f"{name}_precision"] = precision
    return fields


def member_named(plan: Plan, username: str | None):
    """The member of the plan's district with that username, else None: a file never
    makes someone of another district an owner or the one who enters results."""
    return plan.members_by_username.get(username) if username else None


def invitation_for(district_id: int, email: str):
    """The district's open invitation for that email, else None: the invited owner of a
    file's work, once they join, owns it here too."""
    invitations = open_invitations().filter(district_id=district_id, email__iexact=email)
    return invitations.order_by("-created_at").first()


def invited_owners_written(district: District, data: dict) -> list[str]:
    """The emails of plan data's invited owners that the district has no open invitation
    for: on import each is kept as the written owner's name."""
    emails = {item.get("owner_invited") for item in _tree_of(data.get("items", []))} - {None}
    return sorted(email for email in emails if invitation_for(district.pk, email) is None)


def people_not_members(plan: Plan, data: dict) -> list[str]:
    """The usernames plan data says entered a result or changed a revision that are not
    members of the plan's district: on import those are kept as nobody's."""
    usernames = set()
    for measure in _measures_of(data):
        usernames |= {result.get("entered_by") for result in measure.get("results", [])}
        usernames |= {revision.get("changed_by") for revision in measure.get("revisions", [])}
    return sorted(name for name in usernames - {None} if member_named(plan, name) is None)


def _measures_of(data: dict):
    for item in _tree_of(data.get("items", [])):
        yield from item.get("measures", [])
    for section in data.get("sections", []):
        for guardrail in section.get("items", []):
            yield from guardrail.get("measures", [])


def _tree_of(items: list):
    for item in items:
        if isinstance(item, dict):
            yield item
            yield from _tree_of(item.get("children", []))


def _with_id(data: dict, item, with_ids: bool) -> dict:
    return {"id": item.pk, **data} if with_ids else data


def item_data(kind: str, item, *, with_ids: bool = False) -> dict:
    """One item of the tree with everything under it."""
    return _Plan(item.plan).item(kind, item, with_ids)


def guardrail_data(guardrail: Guardrail, *, with_ids: bool = False) -> dict:
    data = {
        "code": guardrail.code,
        "title": guardrail.title,
        "statement": guardrail.statement,
        "measures": [
            measure_data(m, with_ids=with_ids)
            for m in guardrail.measures.order_by("order")
            .select_related("results_by")
            .prefetch_related(*MEASURE_PREFETCH)
        ],
    }
    return _with_id(data, guardrail, with_ids)


def section_data(section: Section, *, with_ids: bool = False) -> dict:
    data = {name: getattr(section, name) for name in SECTION_FIELDS}
    data["items"] = [guardrail_data(g, with_ids=with_ids) for g in section.items.order_by("order")]
    return _with_id(data, section, with_ids)


MEASURE_PREFETCH = (
    "breakdown",
    "targets__group",
    "results__group",
    "results__entered_by",
    "revisions__changed_by",
)


def plan_data(plan: Plan, *, with_ids: bool = False) -> dict:
    """The whole plan, everything under it included, in the shape create_plan reads."""
    whole = _Plan(plan)
    return {
        **{name: getattr(plan, name) for name in PLAN_FIELDS},
        "levels": {
            slot: {name: getattr(level, name) for name in LEVEL_FIELDS}
            for slot, level in plan.levels_by_slot.items()
        },
        "values": [
            _with_id(
                {"name": v.name, "definition": v.definition, "descriptors": v.descriptors},
                v,
                with_ids,
            )
            for v in plan.values.order_by("order")
        ],
        "vision_areas": [
            _with_id({"name": a.name, "description": a.description}, a, with_ids)
            for a in plan.vision_areas.order_by("order")
        ],
        "graduate_attributes": [
            _with_id({"name": a.name, "descriptors": a.descriptors}, a, with_ids)
            for a in plan.graduate_attributes.order_by("order")
        ],
        "items": [
            whole.item(kind, item, with_ids)
            for kind, item in whole.children.get(("plan", plan.pk), [])
        ],
        "sections": [
            section_data(section, with_ids=with_ids) for section in plan.sections.order_by("order")
        ],
    }


def start_plan(district: District, wanted: dict) -> Plan:
    """A new draft plan, empty or copied from another without its results and reviews."""
    years = range(wanted["start_year"], wanted["end_year"] + 1)
    data = {
        "title": wanted["title"],
        "start_year": wanted["start_year"],
        "end_year": wanted["end_year"],
        "status": Plan.Status.DRAFT,
    }
    source = wanted.get("copy_from")
    if source:
        data = {**plan_data(source), **data, "published": False}
        keep_to_period(data, years)
    return create_plan(district, data)


def keep_to_period(value, years) -> None:
    """Drop, in place, what of plan data belongs to another period: the results and
    revisions of each measure and its targets outside the years."""
    if isinstance(value, dict):
        if "targets" in value:
            value["targets"] = {y: v for y, v in value["targets"].items() if int(y) in years}
            value["group_targets"] = {
                group: {y: v for y, v in targets.items() if int(y) in years}
                for group, targets in value.get("group_targets", {}).items()
            }
            value["results"], value["revisions"] = [], []
            if value.get("final_target_year") and value["final_target_year"] not in years:
                value["final_target_year"] = None
        for item in value.values():
            keep_to_period(item, years)
    elif isinstance(value, list):
        for item in value:
            keep_to_period(item, years)


# Creating ----------------------------------------------------------------------------

KIND_OF_MODEL = {model: kind for kind, model in ITEM_MODELS.items()}
# Each kind is stored after the kinds it hangs on: an item's parent has its id by then.
STORED_IN_ORDER = (
    CoreValue,
    VisionArea,
    GraduateAttribute,
    Section,
    Guardrail,
    *ITEM_MODELS.values(),
    Measure,
)


class _Making:
    """What plan data creates, gathered unsaved and then stored a kind at a time: a plan
    of 2 goals costs the same number of queries as one of 80."""

    def __init__(self, plan: Plan, keep_ids: bool = False):
        self.plan, self.keep_ids = plan, keep_ids
        self.rows: dict[type, list] = {}
        self.measures: list[tuple[Measure, dict]] = []
        self.goal_attributes: list[tuple[object, list[str]]] = []
        self.invitations: dict[str, object] = {}

    def _add(self, model, data: dict, **fields):
        made = model(**_id(data, self.keep_ids), **fields)
        self.rows.setdefault(model, []).append(made)
        return made

    def value(self, order: int, data: dict) -> CoreValue:
        return self._add(
            CoreValue,
            data,
            plan=self.plan,
            order=order,
            name=data["name"],
            definition=data.get("definition", ""),
            descriptors=data.get("descriptors", []),
        )

    def vision_area(self, order: int, data: dict) -> VisionArea:
        return self._add(
            VisionArea,
            data,
            plan=self.plan,
            order=order,
            name=data["name"],
            description=data.get("description", ""),
        )

    def graduate_attribute(self, order: int, data: dict) -> GraduateAttribute:
        return self._add(
            GraduateAttribute,
            data,
            plan=self.plan,
            order=order,
            name=data["name"],
            descriptors=data.get("descriptors", []),
        )

    def section(self, order: int, data: dict) -> Section:
        section = self._add(
            Section,
            data,
            plan=self.plan,
            order=order,
            **{name: data[name] for name in SECTION_FIELDS if data.get(name) not in (None, "")},
        )
        for position, item in enumerate(data.get("items", []), start=1):
            self.guardrail(section, position, item)
        return section

    def guardrail(self, section: Section, order: int, data: dict) -> Guardrail:
        guardrail = self._add(
            Guardrail,
            data,
            plan=self.plan,
            section=section,
            order=order,
            code=data.get("code", ""),
            title=data.get("title", ""),
            statement=data["statement"],
        )
        self.measures_of(data, guardrail=guardrail)
        return guardrail

    def item(self, parent, order: int, data: dict):
        kind = data["level"]
        fields = {name: data[name] for name in ITEM_FIELDS[kind] if data.get(name) is not None}
        if kind in WORK_SLOTS:
            fields["cost"] = read_number(data.get("cost"))[0]
            fields |= read_owner_and_dates(self.plan, data, self.invitations)
        hangs_on = {}
        if parent is not None:
            parent_kind = KIND_OF_MODEL[type(parent)]
            if parent_kind not in PARENT_FIELDS[kind]:
                raise ValueError(f"A {kind} cannot hang on a {parent_kind}.")
            hangs_on = {parent_kind: parent}
        item = self._add(
            ITEM_MODELS[kind],
            data,
            plan=self.plan,
            order=order,
            code=data.get("code", ""),
            **hangs_on,
            **fields,
        )
        if kind == "goal":
            self.goal_attributes.append((item, data.get("graduate_attributes", [])))
        self.measures_of(data, **{kind: item})
        for position, child in enumerate(data.get("children", []), start=1):
            self.item(item, position, child)
        return item

    def measures_of(self, data: dict, **parent) -> None:
        for order, measure in enumerate(data.get("measures", []), start=1):
            self.measure(order, measure, **parent)

    def measure(self, order: int, data: dict, **parent) -> Measure:
        baseline, baseline_places = read_number(data.get("baseline_value"))
        final, final_places = read_number(data.get("final_target"))
        measure = self._add(
            Measure,
            data,
            plan=self.plan,
            order=order,
            baseline_value=baseline,
            baseline_places=baseline_places,
            final_target=final,
            final_target_places=final_places,
            **parent,
            **{name: data[name] for name in MEASURE_FIELDS if data.get(name) is not None},
            results_by=member_named(self.plan, data.get("results_by")),
        )
        self.measures.append((measure, data))
        return measure

    def store(self) -> None:
        for model in STORED_IN_ORDER:
            if self.rows.get(model):
                model.objects.bulk_create(self.rows[model])
        self._store_graduate_attributes()
        self._store_what_measures_hold()

    def _store_graduate_attributes(self) -> None:
        if not any(names for _, names in self.goal_attributes):
            return
        named = {}
        for attribute in self.plan.graduate_attributes.all():
            named.setdefault(attribute.name, []).append(attribute)
        Link = Goal.graduate_attributes.through
        Link.objects.bulk_create(
            Link(goal=goal, graduateattribute=attribute)
            for goal, names in self.goal_attributes
            for name in set(names)
            for attribute in named.get(name, [])
        )

    def _store_what_measures_hold(self) -> None:
        """Each measure's student groups, targets, results and revisions; the district's
        groups read, and the missing ones made, at once."""
        names = {name for _, data in self.measures for name in _group_names(data)}
        groups = StudentGroup.objects.all_named(self.plan.district, names) if names else {}

        def group(name):
            return groups[name] if name else None

        Breakdown = Measure.breakdown.through
        Breakdown.objects.bulk_create(
            Breakdown(measure=measure, studentgroup_id=group_id)
            for measure, data in self.measures
            for group_id in {group(name).pk for name in data.get("breakdown", [])}
        )
        targets = []
        for measure, data in self.measures:
            targets += [
                (measure, None, year, text) for year, text in data.get("targets", {}).items()
            ]
            for name, by_year in data.get("group_targets", {}).items():
                targets += [(measure, name, year, text) for year, text in by_year.items()]
        Target.objects.bulk_create(
            Target(measure=measure, group=group(name), year=int(year), value=value, places=places)
            for measure, name, year, text in targets
            for value, places in [read_number(text)]
        )
        Result.objects.bulk_create(
            Result(
                measure=measure,
                year=result["year"],
                group=group(result.get("group")),
                value=value,
                places=places,
                note=result.get("note", ""),
                entered_by=member_named(self.plan, result.get("entered_by")),
                **_when("entered_at", result),
            )
            for measure, data in self.measures
            for result in data.get("results", [])
            for value, places in [read_number(result.get("value"))]
        )
        Revision.objects.bulk_create(
            Revision(
                measure=measure,
                field=revision["field"],
                year=revision.get("year"),
                old_value=revision.get("old_value", ""),
                new_value=revision.get("new_value", ""),
                reason=revision["reason"],
                changed_by=member_named(self.plan, revision.get("changed_by")),
                **_when("changed_at", revision),
            )
            for measure, data in self.measures
            for revision in data.get("revisions", [])
        )


@transaction.atomic
def create_plan(district: District, data: dict) -> Plan:
    data = upgrade(data)
    plan = Plan.objects.create(
        district=district, **{name: data[name] for name in PLAN_FIELDS if name in data}
    )
    levels = data.get("levels", {})
    Level.objects.bulk_create(_level(plan, slot, levels.get(slot, {})) for slot in Slot.values)
    making = _Making(plan)
    for order, value in enumerate(data.get("values", []), start=1):
        making.value(order, value)
    for order, area in enumerate(data.get("vision_areas", []), start=1):
        making.vision_area(order, area)
    for order, attribute in enumerate(data.get("graduate_attributes", []), start=1):
        making.graduate_attribute(order, attribute)
    for order, item in enumerate(data.get("items", []), start=1):
        making.item(None, order, item)
    for order, section in enumerate(data.get("sections", []), start=1):
        making.section(order, section)
    making.store()
    return plan


def _level(plan: Plan, slot: str, data: dict) -> Level:
    level = Level.default(plan, slot, data.get("singular", ""))
    for name in LEVEL_FIELDS:
        if data.get(name) not in (None, ""):
            setattr(level, name, data[name])
    return level


def _made(plan: Plan, keep_ids: bool, make: Callable[["_Making"], object]):
    """One thing of plan data made and stored, with everything under it."""
    making = _Making(plan, keep_ids)
    made = make(making)
    making.store()
    return made


def create_graduate_attribute(
    plan: Plan, order: int, data: dict, keep_ids: bool = False
) -> GraduateAttribute:
    return _made(plan, keep_ids, lambda making: making.graduate_attribute(order, data))


def create_section(plan: Plan, order: int, data: dict, keep_ids: bool = False) -> Section:
    return _made(plan, keep_ids, lambda making: making.section(order, data))


def create_guardrail(
    plan: Plan, section: Section, order: int, data: dict, keep_ids: bool = False
) -> Guardrail:
    return _made(plan, keep_ids, lambda making: making.guardrail(section, order, data))


def create_item(plan: Plan, parent, order: int, data: dict, keep_ids: bool = False):
    """An item of the tree at its level, hanging on parent (None: on the plan itself),
    with its measures and everything under it."""
    return _made(plan, keep_ids, lambda making: making.item(parent, order, data))


def create_measure(plan: Plan, order: int, data: dict, keep_ids: bool = False, **parent) -> Measure:
    return _made(plan, keep_ids, lambda making: making.measure(order, data, **parent))


def _id(data: dict, keep_ids: bool) -> dict:
    return {"pk": data["id"]} if keep_ids and data.get("id") else {}


def _when(name: str, data: dict) -> dict:
    return {name: parse_datetime(data[name])} if data.get(name) else {}


def _group_names(data: dict) -> set[str]:
    return (
        set(data.get("breakdown", []))
        | set(data.get("group_targets", {}))
        | {r["group"] for r in data.get("results", []) if r.get("group")}
    )


# Version 1 ---------------------------------------------------------------------------


def upgrade(data: dict) -> dict:
    """Plan data of version 1 (goals with their objectives and strategies, fixed labels,
    guardrails without a section) in the shape of version 2; version 2 data as it is."""
    if "goals" not in data and "guardrails" not in data and "labels" not in data:
        return data
    data = dict(data)
    labels = data.pop("labels", {})
    data.setdefault(
        "levels",
        {
            slot: {"singular": labels[slot], "plural": plural(labels[slot])}
            for slot in ("goal", "objective", "strategy", "measure")
            if labels.get(slot)
        },
    )
    data["items"] = [_goal_v2(goal) for goal in data.pop("goals", [])]
    guardrails = data.pop("guardrails", [])
    data.setdefault("sections", [])
    if guardrails:
        measure_label = data["levels"].get("measure", {}).get("singular", "Key indicator")
        data["sections"] = [
            {
                "name": "Guardrails",
                "item_label": "Guardrail",
                "measure_label": measure_label,
                "measure_plural": plural(measure_label),
                "prefix": "G",
                "numbering": "per_parent",
                "style": "digits",
                "items": [{"code": "", "title": "", **g} for g in guardrails],
            }
        ]
    return data


def upgrade_item(kind: str, data: dict) -> dict:
    """One item read out in version 1 (a deleted item kept in a change), in version 2."""
    if "level" in data or kind not in ("goal", "objective", "strategy"):
        return data
    if kind == "goal":
        return _goal_v2(data)
    if kind == "strategy":
        return _strategy_v2(data)
    objective = dict(data)
    below = objective.pop("strategies", [])
    return {"level": "objective", **objective, "children": [_strategy_v2(s) for s in below]}


def _goal_v2(goal: dict) -> dict:
    goal = dict(goal)
    objectives = goal.pop("objectives", [])
    strategies = goal.pop("strategies", [])
    children = []
    for objective in objectives:
        objective = dict(objective)
        below = objective.pop("strategies", [])
        children.append(
            {"level": "objective", **objective, "children": [_strategy_v2(s) for s in below]}
        )
    children += [_strategy_v2(strategy) for strategy in strategies]
    return {"level": "goal", **goal, "children": children}


def _strategy_v2(strategy: dict) -> dict:
    return {"level": "strategy", **strategy, "children": []}
