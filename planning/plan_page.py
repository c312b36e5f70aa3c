"""The plan page, kept rendered piece by piece, so that it costs a few queries and a few
milliseconds however large the plan, and an edit renders again only what it changed.

Its pieces: the head (title, contents, mission, vision, values, theory of action,
graduate profile, as each kind of member sees it); each item that hangs on the plan
itself, with everything under it (the same for everyone: an editor's controls are drawn
by the browser); and the sections beside the tree. They are kept in one cache entry per
plan, each with the last change recorded in its scope (Change.scope); a piece whose scope
has changed since is rendered again, from a tree that reads only what it needs. A change
of scope "plan", a new day (a plan's statuses follow the school year) or new code starts
afresh.

The cache is Django's (settings.CACHES): the database's by default, which several app
servers share; a kept piece is only ever used while its scope is unchanged, so a lost or
cleared entry costs time, never correctness. Nothing kept holds a CSRF token or anything
else of one person.
"""

import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from measures.progress import count_standing, standing_by_year
from measures.status import WORST_FIRST, Status
from planning.access import may_shape
from planning.kinds import can_hang_on
from planning.models import TREE_SLOTS, Plan
from planning.pages import page_context
from planning.tree import addable_under, plan_tree

TEMPLATE = "planning/plan_detail.html"
KEPT_FOR = 2 * 24 * 3600


@dataclass
class TopList:
    """The list of items that hang on the plan, as the page's template names it."""

    pk: int
    addable: list
    children: list[SafeString]
    kind: str = "plan"
    depth: int = 0


@dataclass
class Page:
    head: SafeString
    items: list[SafeString]
    sections: SafeString
    heading: str
    measures_word: str  # what the plan calls its measures
    adds: str  # what may be added under each kind of item, for an editor's controls
    tree: TopList = field(repr=False)
    standing: list = field(default_factory=list)  # how all the plan's measures stand
    grid: "Grid | None" = None  # how each goal's measures stand, year by year
    owners: list[str] = field(default_factory=list)  # who owns the plan's work, by name
    levels: list = field(default_factory=list)  # the levels in use: [slot, singular]


@dataclass
class GridRow:
    label: str  # "Goal 2"
    title: str
    anchor: str  # the goal's element id on the page
    cells: list[list[tuple[Status, int]]]  # per year: how many at each status


@dataclass
class Grid:
    """The plan's summary: each goal's measures by status, per school year, up to the
    last year any measure has a result."""

    word: str  # what the plan calls a goal
    years: list[str]
    rows: list[GridRow]


def plan_page(plan: Plan, membership) -> Page:
    """The page's pieces as the member sees them, from what is kept where their scope
    has not changed. They are rendered from what decides them alone: the plan and what
    the member may do, never the rest of a request."""
    context = page_context(membership, plan, can_shape=may_shape(membership, plan))
    variant = variant_of(membership, plan)
    versions = scope_versions(plan)
    stamp = _stamp(versions.get("plan", 0))
    key = f"plan-page:{plan.pk}"
    kept = cache.get(key)
    if not kept or kept["stamp"] != stamp:
        kept = {
            "stamp": stamp,
            "outline": None,
            "pieces": {},
            "standing": {},
            "grid": {},
            "owners": {},
        }
    head = f"head:{variant}"
    scope_of_piece = {head: "head", "sections": "sections"}
    if kept["outline"]:
        scope_of_piece |= {scope: scope for scope in kept["outline"]["order"]}
    stale = {
        name
        for name, scope in scope_of_piece.items()
        if kept["pieces"].get(name, (None,))[0] != versions.get(scope, 0)
    }
    if stale or not kept["outline"]:
        only = None if not kept["outline"] else {scope_of_piece[name] for name in stale}
        tree = plan_tree(plan, only=only)
        _render(tree, kept, stale, only, {**context, "tree": tree}, versions, head)
        cache.set(key, kept, KEPT_FOR)
    outline, pieces = kept["outline"], kept["pieces"]
    items = [pieces[scope][1] for scope in outline["order"]]
    return Page(
        head=pieces[head][1],
        items=items,
        sections=pieces["sections"][1],
        heading=outline["heading"],
        measures_word=outline["measures_word"],
        adds=outline["adds"],
        tree=TopList(pk=plan.pk, addable=outline["addable"], children=items),
        standing=_plan_standing(kept, [*outline["order"], "sections"]),
        grid=_grid(plan, kept, outline["order"], outline["levels"]),
        levels=outline["levels"],
        owners=sorted(
            {name for scope in outline["order"] for name in kept["owners"].get(scope, [])},
            key=str.casefold,
        ),
    )


def _grid(plan: Plan, kept, order, levels) -> Grid | None:
    rows = [
        GridRow(row["label"], row["title"], row["anchor"], _statuses(row["cells"]))
        for scope in order
        for row in kept["grid"].get(scope, [])
    ]
    if not rows:
        return None
    years = plan.years
    with_data = [
        i
        for i in range(len(years))
        if any(s != Status.NO_DATA for r in rows for s, _ in r.cells[i])
    ]
    shown = (with_data[-1] if with_data else 0) + 1
    for row in rows:
        row.cells = row.cells[:shown]
    word = next((singular for slot, singular in levels if slot == "goal"), "Goal")
    return Grid(word=word, years=[plan.year_label(year) for year in years[:shown]], rows=rows)


def _statuses(cells) -> list[list[tuple[Status, int]]]:
    return [[(Status(value), n) for value, n in cell] for cell in cells]


def _grid_rows(tree, stale: set[str]) -> dict[str, list[dict]]:
    """The summary grid's lines of each stale piece: one per goal (or item above the goals
    with measures of its own) in it."""
    piece_of = {
        id(node): f"{top.kind}-{top.pk}"
        for top in tree.children
        if f"{top.kind}-{top.pk}" in stale
        for node in top.walk()
    }
    rows = {scope: [] for scope in piece_of.values()}
    years = tree.plan.years
    for head, measures in tree.progress_groups():
        scope = piece_of.get(id(head))
        if scope is None:
            continue
        item = head.item
        rows[scope].append(
            {
                "label": head.label,
                "title": str(getattr(item, "title", "") or getattr(item, "statement", "")),
                "anchor": f"{head.kind}-{head.pk}",
                "cells": [
                    [(status.value, n) for status, n in cell]
                    for cell in standing_by_year([m for m, _ in measures], tree.plan, years)
                ],
            }
        )
    return rows


def _plan_standing(kept, scopes) -> list[tuple[Status, int]]:
    """How the whole plan's measures stand: the pieces' counts, added."""
    total = Counter()
    for scope in scopes:
        total.update(dict(kept["standing"].get(scope, [])))
    return [(status, total[status.value]) for status in WORST_FIRST if total[status.value]]


def _render(tree, kept, stale, only, context, versions, head) -> None:
    if only is None:  # read whole: render it all
        kept["outline"] = {
            "order": [f"{node.kind}-{node.pk}" for node in tree.children],
            "heading": tree.heading,
            "measures_word": tree.plan.level("measure").plural,
            "addable": [{"slot": level.slot, "singular": level.singular} for level in tree.addable],
            "adds": json.dumps(adds(tree.plan), separators=(",", ":")),
            "levels": [[level.slot, level.singular] for level in tree.plan.levels_in_use],
        }
        stale = {head, "sections", *kept["outline"]["order"]}
    kept.setdefault("grid", {}).update(_grid_rows(tree, stale))
    for node in tree.children:
        scope = f"{node.kind}-{node.pk}"
        if scope in stale:
            html = render_to_string(f"{TEMPLATE}#node", {**context, "node": node})
            kept["pieces"][scope] = (versions.get(scope, 0), tight(html))
            kept["standing"][scope] = [(status.value, n) for status, n in node.standing]
            work = (n.item for n in node.walk() if n.is_work)
            kept["owners"][scope] = sorted({item.owner_name for item in work} - {""})
    if "sections" in stale:
        html = render_to_string(f"{TEMPLATE}#sections", context)
        kept["pieces"]["sections"] = (versions.get("sections", 0), tight(html))
        beside = [node for section in tree.sections for node in section.children]
        statuses = count_standing(
            m.latest.status if m.latest else Status.NO_DATA for n in beside for m in n.measures
        )
        kept["standing"]["sections"] = [(status.value, n) for status, n in statuses]
    if head in stale:
        html = render_to_string(f"{TEMPLATE}#head", context)
        kept["pieces"][head] = (versions.get("head", 0), tight(html))


def kept(name: str, plan: Plan, make) -> SafeString:
    """HTML that depends on the plan's data alone (not on who asks), made by make() once
    per change of the plan, release of the code or new day, and kept between."""
    stamp = _stamp(max(scope_versions(plan).values(), default=0))
    key = f"{name}:{plan.pk}"
    found = cache.get(key)
    if found and found[0] == stamp:
        return mark_safe(found[1])
    html = tight(make())
    cache.set(key, (stamp, str(html)), KEPT_FOR)
    return html


def kept_pieces(name: str, plan: Plan, make) -> tuple[dict, list]:
    """Another page of the plan kept as the plan page is: one cache entry per plan and
    name (the name says what else the page depends on: the year, what the member may
    do), holding the page's outline and a piece for each scope of it (Change.scope), each
    rendered again only once its scope has changed. make(only) renders the pieces of
    those scopes as {scope: (html, data)}; given None, all of them, and the outline
    ({"order": [scope, ...], ...}) beside: (outline, pieces). Returns the outline and
    each piece's (html, data) in its order."""
    versions = scope_versions(plan)
    stamp = _stamp(versions.get("plan", 0))
    key = f"{name}:{plan.pk}"
    found = cache.get(key)
    if not found or found["stamp"] != stamp:
        found = {"stamp": stamp, "outline": None, "pieces": {}}
    pieces = found["pieces"]
    if found["outline"] is None:
        found["outline"], made = make(None)
    else:
        stale = {
            scope
            for scope in found["outline"]["order"]
            if pieces.get(scope, (None,))[0] != versions.get(scope, 0)
        }
        made = make(stale) if stale else {}
    if made:
        for scope, (html, data) in made.items():
            # Compressed: a large plan's grid is megabytes, read from the cache on each view.
            packed = zlib.compress(tight(html).encode(), 1)
            pieces[scope] = (versions.get(scope, 0), packed, data)
        cache.set(key, found, KEPT_FOR)
    outline = found["outline"]
    return outline, [
        (mark_safe(zlib.decompress(pieces[s][1]).decode()), pieces[s][2]) for s in outline["order"]
    ]


def piece_of(node) -> str:
    """The scope (Change.scope) an item of the tree is kept in: the item that hangs on the
    plan that it falls under, or the sections beside the tree."""
    if node.kind in ("section", "guardrail"):
        return "sections"
    while node.parent is not None and getattr(node.parent, "kind", "plan") != "plan":
        node = node.parent
    return f"{node.kind}-{node.pk}"


def by_piece(tree, only, groups, node_of=lambda group: group.node) -> dict[str, list]:
    """The groups (measures.progress.GoalProgress, or what stands for each) of each piece
    to render, in order: those of only, else of every piece of the tree, each piece with
    every item that hangs on the plan (with or without measures now: one may be added)
    and then the sections."""
    scopes = only or [f"{node.kind}-{node.pk}" for node in tree.children] + ["sections"]
    found = {scope: [] for scope in scopes}
    for group in groups:
        if piece_of(node_of(group)) in found:
            found[piece_of(node_of(group))].append(group)
    return found


def _stamp(last_change: int) -> list:
    """What kept HTML is good for: this release of the code, today (what is due or
    overdue moves with the date) and the plan as of that change."""
    return [release(), timezone.localdate().isoformat(), last_change]


def variant_of(membership, plan: Plan) -> str:
    """What decides how the page's head looks to a member: what they may do."""
    may = (membership.can_edit, may_shape(membership, plan), membership.can_administer)
    may += (plan.status == Plan.Status.ADOPTED,)  # its commitments are proposed, not edited
    return "".join("1" if allowed else "0" for allowed in may)


def scope_versions(plan: Plan) -> dict[str, int]:
    """The last change recorded in each scope of the plan. A plan's changes are numbered
    in the order they were committed: record() first updates the plan's row, which holds
    each writer until the one before it has committed."""
    changes = plan.changes.order_by().values_list("scope").annotate(last=Max("pk"))
    return dict(changes)


def adds(plan: Plan) -> dict[str, list[list[str]]]:
    """Under each kind of item, the kinds that may be added and what the plan calls them.
    A section names its own items and their measures (the section's data attributes)."""
    measure = plan.level("measure").singular
    under = {
        kind: [[level.slot, level.singular] for level in addable_under(plan, kind)]
        + ([["measure", measure]] if can_hang_on("measure", kind) else [])
        for kind in TREE_SLOTS
    }
    return under | {"section": [["guardrail", ""]], "guardrail": [["measure", ""]]}


def tight(html: str) -> SafeString:
    """Rendered HTML without the templates' indentation: a large plan's page is a
    third smaller. (No piece holds a <pre> or a <textarea>.)"""
    return mark_safe("\n".join(line.strip() for line in html.splitlines() if line.strip()))


_release = None


def release() -> str:
    """What the code and the templates are now: kept pieces of older code are not used.
    Checked on every page while developing, once per process otherwise."""
    global _release
    if _release is None or settings.DEBUG:
        base = Path(settings.BASE_DIR)
        files = sorted(
            path
            for folder in ("templates", "planning", "measures")
            for path in (base / folder).rglob("*")
            if path.suffix in (".html", ".py")
        )
        stamp = hashlib.sha256()
        for path in files:
            facts = path.stat()
            stamp.update(f"{path}:{facts.st_mtime_ns}:{facts.st_size}".encode())
        _release = stamp.hexdigest()[:16]
    return _release
