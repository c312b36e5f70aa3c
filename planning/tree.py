"""A whole plan read in a fixed number of queries, numbered as the page and the PDF print
it (planning.numbering), whatever its structure: the items of its tree, each with the
items that hang on it (of any narrower level, in their shared order) and its measures;
and the sections beside the tree with their items and measures.

Numbers come from positions (or the district's codes), so they follow every reorder,
add and delete.
"""

import functools
import operator
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.db import connection, models
from django.db.models import OuterRef, Q, Subquery

from measures.models import PARENTS, Measure, Result, Revision, StudentGroup, Target
from measures.progress import Cell, Figure, count_standing, latest_judged
from measures.status import Status
from planning.models import (
    ITEM_MODELS,
    PARENT_FIELDS,
    TREE_SLOTS,
    Guardrail,
    Numbering,
    Plan,
    ProgressUpdate,
    Section,
)
from planning.numbering import number


@dataclass
class Node:
    """One item of the plan in its place: its number, its words, what hangs under it."""

    kind: str
    item: models.Model
    number: str = ""
    word: str = ""  # what the plan calls one of its kind: "Goal", "Superintendent Constraint"
    words: str = ""  # and more than one: "Goals"
    children: list["Node"] = field(default_factory=list)
    measures: list["Node"] = field(default_factory=list)
    targets: list[Figure] = field(default_factory=list)
    results: list[Figure] = field(default_factory=list)
    breakdown: list = field(default_factory=list)  # a measure's student groups
    revisions: list = field(default_factory=list)  # a measure's
    history: list[Figure] = field(default_factory=list)  # the results of what it carries on
    sources: list = field(default_factory=list)  # the making's priorities it comes from
    reference: str = ""  # a measure's: its code, else 1.2.M1 (G1.M1 beside the tree)
    depth: int = 0  # 0 for what hangs on the plan itself
    outline: bool = False  # numbered after its parent (1.2), so its number says what it is
    addable: list = field(default_factory=list)  # the levels that may be added under it
    parent: "Node | PlanTree | None" = None
    list_id: str = ""  # the element id of the list it is shown in
    is_first: bool = False
    is_last: bool = False

    @property
    def pk(self) -> int:
        return self.item.pk

    @cached_property
    def latest(self) -> Cell | None:
        """A measure's latest result for all students, judged."""
        return latest_judged(self, self.item.plan)

    @cached_property
    def standing(self) -> list[tuple[Status, int]]:
        """How the measures in and under the item stand by their latest results."""
        return count_standing(
            measure.latest.status if measure.latest else Status.NO_DATA
            for measure in self.all_measures
        )

    @cached_property
    def all_measures(self) -> list["Node"]:
        return self.measures + [m for child in self.children for m in child.all_measures]

    @cached_property
    def work_standing(self) -> list[tuple[str, int]]:
        """How many of the strategies and action steps under the item are at each status."""
        work = [node for node in self.descendants if node.is_work]
        counted = Counter(node.item.get_status_display() for node in work)
        return sorted(counted.items(), key=lambda pair: -pair[1])

    @cached_property
    def descendants(self) -> list["Node"]:
        return [n for child in self.children for n in (child, *child.descendants)]

    @property
    def label(self) -> str:
        """ "Goal 1.2", or the word alone for an item without a number."""
        return f"{self.word} {self.number}" if self.number else self.word

    @property
    def short_label(self) -> str:
        """What a heading under another prints: "1.2" where the outline says what it is."""
        return self.number if self.outline and self.depth else self.label

    @property
    def runs(self) -> list[tuple[bool, list["Node"]]]:
        return runs_of(self.children)

    @property
    def list_kind(self) -> str:
        """The list it is shown in under its parent: "item" for the tree's, else its kind."""
        return "item" if self.kind in TREE_SLOTS else self.kind

    @property
    def latest_update(self) -> ProgressUpdate | None:
        """A strategy's or action step's latest progress update (read by plan_tree)."""
        return getattr(self.item, "latest_update", None)

    @property
    def is_work(self) -> bool:
        """A strategy or an action step: what is done, listed rather than headed."""
        return self.kind in WORK_SLOTS

    def walk(self):
        yield self
        for child in (*self.measures, *self.children):
            yield from child.walk()


@dataclass
class PlanTree:
    """The plan's tree; what stands beside it (values, vision areas, graduate attributes,
    sections) is read when it is first asked for."""

    plan: Plan
    children: list[Node]  # the items that hang on the plan itself, of any level
    measures: dict = field(default_factory=dict)  # as read, by the item they hang on
    kind: str = "plan"
    number: str = ""
    addable: list = field(default_factory=list)
    only: set[str] | None = None  # what of it was read whole (see plan_tree)

    def __post_init__(self):
        _place(self.children, list_id("item", self), self)
        for top in self.children:
            for node in top.walk():
                _place(node.children, list_id("item", node), node)
                _place(node.measures, list_id("measure", node), node)

    def _beside(self, kind: str, nodes: list[Node]) -> list[Node]:
        _place(nodes, list_id(kind, self), self)
        return nodes

    @cached_property
    def values(self) -> list[Node]:
        values = self.plan.values.order_by("order")
        return self._beside("value", [Node("value", value) for value in values])

    @cached_property
    def vision_areas(self) -> list[Node]:
        areas = self.plan.vision_areas.order_by("order")
        return self._beside("vision_area", [Node("vision_area", area) for area in areas])

    @cached_property
    def graduate_attributes(self) -> list[Node]:
        attributes = self.plan.graduate_attributes.order_by("order")
        return self._beside("attribute", [Node("attribute", a) for a in attributes])

    @cached_property
    def sections(self) -> list[Node]:
        sections = self._beside("section", _sections(self.plan, self.measures))
        for section in sections:
            _place(section.children, list_id("guardrail", section), section)
            for item in section.children:
                _place(item.measures, list_id("measure", item), item)
        return sections

    @cached_property
    def index(self) -> dict[tuple[str, int], Node]:
        return {(node.kind, node.pk): node for node in self.nodes()}

    @property
    def pk(self) -> int:
        return self.plan.pk

    @property
    def runs(self) -> list[tuple[bool, list[Node]]]:
        return runs_of(self.children)

    @property
    def heading(self) -> str:
        """What the tree is headed by: its broadest level in use, "Goals" or "Priorities"."""
        used = [level for level in self.plan.levels_in_use if level.slot in TREE_SLOTS]
        return used[0].plural if used else "Goals"

    @property
    def item(self) -> Plan:
        return self.plan

    def find(self, kind: str, pk: int) -> "Node | PlanTree":
        if kind == "plan":
            return self
        if kind in TREE_SLOTS:  # without reading what stands beside the tree
            found = next((n for n in self.items() if (n.kind, n.pk) == (kind, pk)), None)
            if found:
                return found
        return self.index[(kind, pk)]

    def nodes(self):
        yield from self.values
        yield from self.vision_areas
        yield from self.graduate_attributes
        for top in (*self.children, *self.sections):
            yield from top.walk()

    def items(self):
        """Every item of the tree, in the order the plan reads."""
        for top in self.children:
            for node in top.walk():
                if node.kind in TREE_SLOTS:
                    yield node

    @property
    def counts(self) -> dict[str, int]:
        counted = defaultdict(int)
        for node in self.nodes():
            counted[node.kind] += 1
        return counted

    def progress_groups(self) -> list[tuple[Node, list[tuple[Node, Node]]]]:
        """The units a plan's progress is read by, each with its measures and the item
        each hangs on: every goal with what is under it, and an item above or beside the
        goals with what is under it that no goal holds (a pillar's own measures)."""
        groups = []

        def gather(node: Node, into: list) -> None:
            into.extend((measure, node) for measure in node.measures)
            for child in node.children:
                if child.kind == "goal":
                    groups.append((child, []))
                    gather(child, groups[-1][1])
                else:
                    gather(child, into)

        for top in self.children:
            if top.kind == "goal":
                groups.append((top, []))
                gather(top, groups[-1][1])
            else:
                position = len(groups)
                own = []
                gather(top, own)
                groups.insert(position, (top, own))
        return [group for group in groups if group[1] or group[0].kind == "goal"]


def runs_of(nodes: list[Node]) -> list[tuple[bool, list[Node]]]:
    """Children in runs: (True, strategies and action steps side by side, to be listed),
    (False, items to be headed), in order."""
    runs = []
    for node in nodes:
        if runs and runs[-1][0] == node.is_work:
            runs[-1][1].append(node)
        else:
            runs.append((node.is_work, [node]))
    return runs


def list_id(kind: str, parent) -> str:
    return f"{kind}-list-{parent.kind}-{parent.pk}"


def _place(nodes: list[Node], id_: str, parent) -> None:
    for position, node in enumerate(nodes):
        node.list_id = id_
        node.parent = parent
        node.is_first = position == 0
        node.is_last = position == len(nodes) - 1


def parent_key(kind: str, item) -> tuple[str, int]:
    """(the level of the item it hangs on, its id), or ("plan", id) for the plan itself."""
    for name in reversed(PARENT_FIELDS[kind]):
        if getattr(item, f"{name}_id"):
            return name, getattr(item, f"{name}_id")
    return "plan", item.plan_id


def tree_items(plan: Plan) -> dict[tuple[str, int], list[tuple[str, models.Model]]]:
    """Every item of the plan's tree by the parent it hangs on, as (level, item), in their
    shared order; one query per level."""
    by_parent = defaultdict(list)
    for slot, model in ITEM_MODELS.items():
        for item in _whole(slot, model.objects.filter(plan=plan)):
            by_parent[parent_key(slot, item)].append((slot, item))
    return _in_order(by_parent)


def _in_order(by_parent):
    for children in by_parent.values():
        children.sort(key=lambda pair: (pair[1].order, TREE_SLOTS.index(pair[0]), pair[1].pk))
    return by_parent


class Outline(NamedTuple):
    """An item only as far as placing and numbering it needs."""

    pk: int
    order: int
    code: str


def outline(plan: Plan) -> dict[tuple[str, int], list[tuple[str, Outline]]]:
    """The plan's tree as tree_items gives it, each item as its Outline, in one query.
    Every save and every piece of the plan page reads it, and five querysets cost ten
    times what the database does to answer them."""
    by_parent = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(_outline_sql(), [plan.pk] * len(ITEM_MODELS))
        for slot, pk, order, code, parent_kind, parent_pk in cursor.fetchall():
            by_parent[(parent_kind, parent_pk)].append((slot, Outline(pk, order, code)))
    return _in_order(by_parent)


@functools.cache
def _outline_sql() -> str:
    """Per level: its level, pk, order, code, and the level and pk of what it hangs on
    (its narrowest parent set, else the plan), as parent_key() works them out."""
    quote = connection.ops.quote_name
    selects = []
    for slot, model in ITEM_MODELS.items():
        column = {f.name: quote(f.column) for f in model._meta.fields}
        parents = [column[name] for name in reversed(PARENT_FIELDS[slot])]
        if parents:
            cases = " ".join(
                f"WHEN {parent} IS NOT NULL THEN '{name}'"
                for name, parent in zip(reversed(PARENT_FIELDS[slot]), parents, strict=True)
            )
            hangs_on = (
                f"CASE {cases} ELSE 'plan' END, COALESCE({', '.join(parents)}, {column['plan']})"
            )
        else:
            hangs_on = f"'plan', {column['plan']}"
        selects.append(
            f"SELECT '{slot}', {column['id']}, {column['order']}, {column['code']}, {hangs_on} "
            f"FROM {quote(model._meta.db_table)} WHERE {column['plan']} = %s"
        )
    return " UNION ALL ".join(selects)


WORK_SLOTS = ("strategy", "action_step")


def _whole(slot: str, rows):
    """What an item is read with: a goal's graduate attributes; a strategy's or action
    step's owner and the id of its latest progress update (see _latest_updates)."""
    if slot == "goal":
        return rows.prefetch_related("graduate_attributes")
    if slot in WORK_SLOTS:
        latest = ProgressUpdate.objects.filter(**{slot: OuterRef("pk")}).order_by("-at", "-pk")
        return rows.select_related("owner_user", "owner_invitation").annotate(
            latest_update_id=Subquery(latest.values("pk")[:1])
        )
    return rows


def _latest_updates(by_parent) -> None:
    """Puts on each strategy and action step read whole its latest update, in one query."""
    work = [
        item
        for children in by_parent.values()
        for kind, item in children
        if kind in WORK_SLOTS and getattr(item, "latest_update_id", None)
    ]
    if not work:
        return
    found = ProgressUpdate.objects.in_bulk([item.latest_update_id for item in work])
    for item in work:
        item.latest_update = found.get(item.latest_update_id)


# The levels that may say what they come from in the plan's making (its priorities).
FROM_MAKING = ("goal", "objective", "strategy")


def sources(plan: Plan, within: set[tuple[str, int]] | None = None) -> dict[tuple[str, int], list]:
    """The making's priorities each goal, objective and strategy comes from, with what
    supports each; read by hand rather than prefetched, which costs per item. within:
    only those of these items."""
    links = []
    for kind in FROM_MAKING:
        rows = ITEM_MODELS[kind].priorities.through.objects.filter(**{f"{kind}__plan": plan})
        if within is not None:
            pks = [pk for of, pk in within if of == kind]
            if not pks:
                continue
            rows = rows.filter(**{f"{kind}_id__in": pks})
        links.append(
            rows.annotate(kind=models.Value(kind)).values_list("kind", f"{kind}_id", "priority_id")
        )
    if not links:
        return {}
    pairs = list(links[0].union(*links[1:], all=True))
    if not pairs:
        return {}
    Priority = ITEM_MODELS["goal"]._meta.get_field("priorities").related_model
    priorities = Priority.objects.filter(pk__in={priority for *_, priority in pairs})
    found = {
        priority.pk: priority
        for priority in priorities.order_by("order").prefetch_related(
            "swot_entries", "themes__outreach"
        )
    }
    by_item = defaultdict(list)
    for kind, item_id, priority_id in sorted(pairs, key=lambda pair: found[pair[2]].order):
        by_item[(kind, item_id)].append(found[priority_id])
    return by_item


def addable_under(plan: Plan, kind: str) -> list:
    """The levels in use that may be added under an item of that kind (or the plan)."""
    below = TREE_SLOTS[TREE_SLOTS.index(kind) + 1 :] if kind in TREE_SLOTS else TREE_SLOTS
    return [plan.level(slot) for slot in below if plan.level(slot).used]


def plan_tree(plan: Plan, only: set[str] | None = None, measures: bool = True) -> PlanTree:
    """The plan's tree. only: the scopes of the plan page (Change.scope: "goal-3",
    "sections") whose items are read whole, with their measures, and grown into nodes;
    every other item is read only to number and place those. None reads all of it.
    measures=False leaves the measures of only out, for what does not show them."""
    grown = within = None  # the items whose children are grown into nodes: all of them
    if only is None:
        by_parent = tree_items(plan)
        measures = _measures_by_parent(plan)
    else:
        by_parent = outline(plan)
        within = _items_within(plan, by_parent, only)
        _read_whole(by_parent, within)
        measures = _measures_by_parent(plan, within=within) if measures else defaultdict(list)
        # Else only the items within and those above them: a save costs the same in a
        # large plan as in a small one. Their siblings are nodes still, to be numbered and
        # placed; what is under those is only counted (a level numbered across the plan).
        grown = within | _above(by_parent, within)
    _latest_updates(by_parent)
    comes_from = sources(plan, within=None if grown is None else within)
    levels = plan.levels_by_slot
    across_plan = defaultdict(int)
    continuous = any(level.numbering == Numbering.CONTINUOUS for level in levels.values())
    addable = {kind: addable_under(plan, kind) for kind in ("plan", *TREE_SLOTS)}

    def grow(kind: str, item, parent_number, among_all: int, among_kind: int, depth) -> Node:
        level = levels[kind]
        across_plan[kind] += 1
        node = Node(
            kind=kind,
            item=item,
            addable=addable[kind],
            word=level.singular,
            words=level.plural,
            number=number(
                code=item.code,
                numbering=level.numbering,
                style=level.style,
                parent_number=parent_number,
                among_all=among_all,
                among_kind=among_kind,
                across_plan=across_plan[kind],
            ),
        )
        node.outline = level.numbering == "outline" and not item.code
        node.sources = comes_from.get((kind, item.pk), [])
        node.measures = _numbered(measures[(kind, item.pk)], node.number, levels["measure"])
        if grown is None or (kind, item.pk) in grown:
            node.children = grow_children((kind, item.pk), node.number, depth + 1)
        elif continuous:
            count_under((kind, item.pk))
        return node

    def count_under(key) -> None:
        for kind, item in by_parent[key]:
            across_plan[kind] += 1
            count_under((kind, item.pk))

    def grow_children(key, parent_number: str, depth: int = 0) -> list[Node]:
        seen = defaultdict(int)
        nodes = []
        for position, (kind, item) in enumerate(by_parent[key], start=1):
            seen[kind] += 1
            node = grow(kind, item, parent_number, position, seen[kind], depth)
            node.depth = depth
            nodes.append(node)
        return nodes

    return PlanTree(
        plan=plan,
        children=grow_children(("plan", plan.pk), ""),
        measures=measures,
        addable=addable["plan"],
        only=only,
    )


def _above(by_parent, within: set[tuple[str, int]]) -> set[tuple[str, int]]:
    """The items of the tree that the items within hang under, at any depth."""
    parent_of = {
        (kind, item.pk): parent for parent, children in by_parent.items() for kind, item in children
    }
    above = set()
    for key in within:
        while (key := parent_of.get(key)) and key[0] != "plan" and key not in above:
            above.add(key)
    return above


def _read_whole(by_parent, within: set[tuple[str, int]]) -> None:
    """Puts the models of the items within in place of their outlines (see tree_items)."""
    whole = {}
    for slot, model in ITEM_MODELS.items():
        pks = [pk for kind, pk in within if kind == slot]
        if pks:
            rows = _whole(slot, model.objects.filter(pk__in=pks))
            whole |= {(slot, item.pk): item for item in rows}
    for children in by_parent.values():
        children[:] = [(kind, whole.get((kind, item.pk), item)) for kind, item in children]


def _items_within(plan: Plan, by_parent, only: set[str]) -> set[tuple[str, int]]:
    """The items whose measures are read: each item only names and all the tree under it
    ("goal-3": the whole goal, as its piece of the plan page shows it; "strategy-4": that
    strategy and what hangs under it), the item a named measure hangs on ("measure-9"),
    and the guardrails when it names the sections or one of theirs."""
    named = {(kind, int(pk)) for kind, _, pk in (key.rpartition("-") for key in only) if kind}
    within = set()
    measures = [pk for kind, pk in named if kind == "measure"]
    if measures:
        for row in Measure.objects.filter(pk__in=measures, plan=plan).values_list(
            *(f"{p}_id" for p in PARENTS)
        ):
            within.add(next((p, i) for p, i in zip(PARENTS, row, strict=True) if i))

    def gather(key):
        within.add(key)
        for kind, item in by_parent[key]:
            gather((kind, item.pk))

    for key in named:
        if key[0] in TREE_SLOTS:
            gather(key)
    if "sections" in only or any(kind in ("section", "guardrail") for kind, _ in named):
        within |= {("guardrail", pk) for pk in plan.guardrails.values_list("pk", flat=True)}
    return within


def _sections(plan: Plan, measures) -> list[Node]:
    items = defaultdict(list)
    for item in Guardrail.objects.filter(plan=plan).order_by("order"):
        items[item.section_id].append(item)
    sections = []
    for section in Section.objects.filter(plan=plan).order_by("order"):
        node = Node("section", section, word=section.name)
        for position, item in enumerate(items[section.pk], start=1):
            child = Node(
                "guardrail",
                item,
                word=section.item_label,
                number=number(
                    code=item.code,
                    numbering=section.numbering,
                    style=section.style,
                    parent_number="",
                    among_all=position,
                    among_kind=position,
                    across_plan=position,
                ),
            )
            reference_base = f"{section.reference_prefix}{child.number or position}"
            child.measures = _numbered(
                measures[("guardrail", item.pk)], reference_base, None, word=section.measure_label
            )
            node.children.append(child)
        sections.append(node)
    return sections


def _numbered(nodes: list[Node], parent_number: str, level, word: str = "") -> list[Node]:
    for position, node in enumerate(nodes, start=1):
        node.number = node.item.code or str(position)
        node.word = word or level.singular
        node.reference = node.item.code or f"{parent_number}.M{position}"
    return nodes


def _measures_by_parent(
    plan: Plan, within: set[tuple[str, int]] | None = None
) -> dict[tuple[str, int], list[Node]]:
    """The measures of the plan by the item they hang on, each with its targets, results,
    breakdown and revisions; only those of the items within, if it is given."""
    rows = plan.measures.select_related("carried_from__plan").order_by("order")
    of_measure = {"measure__plan": plan}
    if within is not None:
        hung = defaultdict(list)
        for kind, pk in within:
            hung[kind].append(pk)
        rows = rows.filter(
            functools.reduce(
                operator.or_,
                (Q(**{f"{kind}_id__in": pks}) for kind, pks in hung.items()),
                Q(pk=None),
            )
        )
    measures = list(rows)
    if within is not None:
        of_measure = {"measure_id__in": [measure.pk for measure in measures]}
    groups = {group.pk: group for group in StudentGroup.objects.filter(district=plan.district_id)}
    fields = ("measure_id", "year", "group_id", "value", "places")
    targets = defaultdict(list)
    for measure_id, year, group_id, value, places in Target.objects.filter(
        **of_measure
    ).values_list(*fields):
        targets[measure_id].append(Figure(year, groups.get(group_id), value, places))
    results = defaultdict(list)
    for measure_id, year, group_id, value, places, note in (
        Result.objects.filter(**of_measure).order_by("year").values_list(*fields, "note")
    ):
        results[measure_id].append(Figure(year, groups.get(group_id), value, places, note))

    breakdown = defaultdict(list)
    for measure_id, group_id in Measure.breakdown.through.objects.filter(**of_measure).values_list(
        "measure_id", "studentgroup_id"
    ):
        breakdown[measure_id].append(groups[group_id])
    revisions = defaultdict(list)
    for revision in Revision.objects.filter(**of_measure).order_by("-changed_at"):
        revisions[revision.measure_id].append(revision)
    # A measure carried over from the previous plan shows that plan's results as its history.
    history = defaultdict(list)
    if any(measure.carried_from_id for measure in measures):
        for measure_id, year, value, places in (
            Result.objects.filter(group=None, measure__carried_into__plan=plan)
            .exclude(value=None)
            .order_by("year")
            .values_list("measure__carried_into", "year", "value", "places")
        ):
            history[measure_id].append(Figure(year, None, value, places))

    by_parent = defaultdict(list)
    for measure in measures:
        measure.plan = plan
        parent = next(
            (kind, getattr(measure, f"{kind}_id"))
            for kind in PARENTS
            if getattr(measure, f"{kind}_id")
        )
        by_parent[parent].append(
            Node(
                kind="measure",
                item=measure,
                targets=sorted(targets[measure.pk], key=lambda t: (t.group_id or 0, t.year)),
                results=results[measure.pk],
                breakdown=sorted(breakdown[measure.pk], key=lambda g: (g.order, g.name)),
                revisions=revisions[measure.pk],
                history=history[measure.pk],
            )
        )
    return by_parent
