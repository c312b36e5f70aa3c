"""Finding things on the plan page: its tree narrowed to the items and measures that
match what a person asks for (words, an owner, a status, a level), each shown with the
items above it for context; and the sections beside the tree (guardrails...) narrowed
alike, each match under its section's heading. Read from the whole tree in a fixed
number of queries; not kept, since each question is its own."""

from dataclasses import dataclass, field, replace

from measures.status import Status
from planning.models import Plan, Work
from planning.tree import plan_tree

ASKED = ("q", "owner", "status", "level")
# Node values computed from all that hangs under an item: kept as the whole plan has them.
WHOLE = ("standing", "all_measures", "work_standing", "descendants")


@dataclass
class Found:
    asked: dict[str, str]
    children: list  # the matching part of the tree, as item_list shows it
    count: int  # how many items and measures match
    kind: str = "plan"
    depth: int = 0
    addable: tuple = ()
    pk: int = 0
    # Every section, each with only its matching items: the page's contents link to
    # each, so one without a match is still shown, saying so.
    sections: list = field(default_factory=list)
    shown: set[str] = field(default_factory=set)  # the element ids of the items shown

    @property
    def matched_sections(self) -> list:
        return [section for section in self.sections if section.children]


@dataclass
class Choices:
    owners: list[str]
    work_statuses: list[tuple[str, str]]
    measure_statuses: list[tuple[str, str]]
    levels: list[tuple[str, str]]


def asked_of(query) -> dict[str, str]:
    """What the person asked for, from the page's query string, without blanks."""
    return {
        name: query.get(name, "").strip()[:200] for name in ASKED if query.get(name, "").strip()
    }


def choices(page) -> Choices:
    """What the filter offers: the owners named in the plan and its levels in use (as
    the kept page has them), and the statuses of work and of measures."""
    return Choices(
        owners=page.owners,
        work_statuses=list(Work.Status.choices),
        measure_statuses=[(status.value, status.label) for status in Status],
        levels=[(slot, singular) for slot, singular in page.levels],
    )


def matches(node, asked: dict[str, str]) -> bool:
    if "level" in asked and node.kind != asked["level"]:
        return False
    if "owner" in asked and not (node.is_work and node.item.owner_name == asked["owner"]):
        return False
    if "status" in asked and _status(node) != asked["status"]:
        return False
    return "q" not in asked or asked["q"].casefold() in _words(node).casefold()


def _status(node) -> str | None:
    if node.kind == "measure":
        return (node.latest.status if node.latest else Status.NO_DATA).value
    return node.item.status if node.is_work else None


def _words(node) -> str:
    item = node.item
    names = ("title", "statement", "description", "text", "name", "data_source", "code")
    found = [str(getattr(item, name, "") or "") for name in names]
    found += [node.number, node.reference, *getattr(item, "sub_points", [])]
    if node.is_work:
        found.append(item.owner_name)
    return "\n".join(found)


def find(plan: Plan, asked: dict[str, str]) -> Found:
    """The plan's tree and its sections kept to what matches and the items above each."""
    tree = plan_tree(plan)
    count = 0
    shown = set()

    def narrowed(node):
        nonlocal count
        measures = [m for m in node.measures if matches(m, asked)]
        children = [kept for child in node.children if (kept := narrowed(child))]
        hit = matches(node, asked)
        count += hit + len(measures)
        if not (hit or measures or children):
            return None
        shown.add(f"{node.kind}-{node.pk}")
        copy = replace(node, measures=measures, children=children)
        copy.__dict__.update({name: getattr(node, name) for name in WHOLE})
        return copy

    children = [kept for top in tree.children if (kept := narrowed(top))]
    sections = []
    for section in tree.sections:
        items = [kept for item in section.children if (kept := narrowed(item))]
        sections.append(replace(section, children=items))
    return Found(
        asked=asked, children=children, count=count, pk=plan.pk, sections=sections, shown=shown
    )
