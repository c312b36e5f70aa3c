"""Progress through the year, as plain functions: who may post an update on a piece of
work, posting one, what a person owns and must do, and the board's progress update for
an update window."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from districts.people import display_name
from measures.models import Measure
from measures.progress import plan_progress
from measures.status import Status
from planning import editing
from planning.models import ActionStep, Plan, ProgressUpdate, Strategy, UpdateWindow, Work
from planning.tree import plan_tree

WORK_MODELS: dict[str, type[Work]] = {"strategy": Strategy, "action_step": ActionStep}


def may_post(membership, item: Work) -> bool:
    """The owner of the work posts its updates, and so do editors and administrators."""
    return membership.can_edit or (
        item.owner_user_id is not None and item.owner_user_id == membership.user_id
    )


def post_update(form, *, kind: str, item: Work, plan: Plan, author) -> ProgressUpdate:
    """Keep the update and make its status and percent the item's own."""
    with transaction.atomic():
        update = form.save(commit=False)
        update.plan = plan
        setattr(update, kind, item)
        update.author = author
        update.save()
        WORK_MODELS[kind].objects.filter(pk=item.pk).update(
            status=update.status, percent=update.percent
        )
        editing.record(
            plan=plan,
            actor=author,
            action="edited",
            kind=kind,
            item_id=item.pk,
            label=f"Progress update on {str(item)[:200]}",
            after={"status": update.status, "percent": update.percent},
        )
    return update


def owned_by_invitation(*, invitation, user, **_) -> None:
    """The work given to someone invited becomes theirs as they join, recorded on each plan
    (the plan page shows its owner)."""
    for kind, model in WORK_MODELS.items():
        for item in model.objects.filter(owner_invitation=invitation).select_related("plan"):
            model.objects.filter(pk=item.pk).update(owner_user=user, owner_invitation=None)
            editing.record(
                plan=item.plan,
                actor=user,
                action="edited",
                kind=kind,
                item_id=item.pk,
                label=f"Owner of {str(item)[:200]}: {invitation.email} joined",
                after={"owner_user": user.pk},
            )


def is_overdue(item: Work, today: datetime.date) -> bool:
    return not item.is_done and item.due_on is not None and item.due_on < today


@dataclass
class Owned:
    kind: str
    item: Work
    plan: Plan
    is_overdue: bool = False
    due_soon: bool = False


@dataclass
class MyWork:
    owned: list[Owned] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    @property
    def overdue(self) -> list[Owned]:
        return [o for o in self.owned if o.is_overdue]

    @property
    def due_soon(self) -> list[Owned]:
        return [o for o in self.owned if o.due_soon]


SOON = datetime.timedelta(days=30)


def my_work(user, district, today: datetime.date) -> MyWork:
    """What a person owns in a district's plans, and the measures they enter results of;
    read in a few queries whatever the plans' size."""
    work = MyWork()
    for kind, model in WORK_MODELS.items():
        items = (
            model.objects.filter(owner_user=user, plan__district=district)
            .select_related("plan", "owner_user")
            .order_by("due_on", "plan_id", "pk")
        )
        for item in items:
            due = item.due_on
            work.owned.append(
                Owned(
                    kind,
                    item,
                    item.plan,
                    is_overdue=is_overdue(item, today),
                    due_soon=bool(due and not item.is_done and today <= due <= today + SOON),
                )
            )
    work.owned.sort(key=lambda o: (o.item.due_on or datetime.date.max, o.plan.pk, o.item.pk))
    work.measures = list(
        Measure.objects.filter(results_by=user, plan__district=district)
        .select_related("plan")
        .order_by("plan_id", "order")
    )
    return work


def overdue_by_owner(today: datetime.date) -> dict:
    """Everything past due and not done, in every district, by the owner with an email
    address it belongs to: read in one query per kind of work, however many owners."""
    late = {}
    for kind, model in WORK_MODELS.items():
        items = model.objects.filter(owner_user__isnull=False, due_on__lt=today)
        items = items.exclude(status__in=[Work.Status.COMPLETE, Work.Status.DISCONTINUED])
        for item in items.exclude(owner_user__email="").select_related("plan", "owner_user"):
            if is_overdue(item, today):
                late.setdefault(item.owner_user, []).append(
                    Owned(kind, item, item.plan, is_overdue=True)
                )
    return late


@dataclass
class GoalUpdate:
    node: object
    # (node, who owns it, its latest update in the window)
    work: list[tuple[object, str, ProgressUpdate | None]]
    measures: list = field(default_factory=list)
    counts: list = field(default_factory=list)  # (status, how many of its measures)

    @property
    def updated(self) -> int:
        return sum(1 for _, _, update in self.work if update)


@dataclass
class BoardUpdate:
    window: UpdateWindow
    goals: list[GoalUpdate]
    year: int
    counts: list  # (status, how many measures have it), in the order of statuses

    @property
    def updated(self) -> int:
        return sum(1 for g in self.goals for _, _, u in g.work if u)

    @property
    def work_count(self) -> int:
        return sum(len(g.work) for g in self.goals)


def window_updates(window: UpdateWindow) -> dict[tuple[str, int], ProgressUpdate]:
    """The latest update of each piece of work posted up to the window's close."""
    closes = datetime.datetime.combine(window.closes_on, datetime.time.max, tzinfo=datetime.UTC)
    latest = {}
    updates = ProgressUpdate.objects.filter(plan_id=window.plan_id, at__lte=closes)
    for update in updates.select_related("author").order_by("at", "pk"):
        if update.strategy_id:
            latest[("strategy", update.strategy_id)] = update
        else:
            latest[("action_step", update.action_step_id)] = update
    return latest


def board_update(plan: Plan, window: UpdateWindow) -> BoardUpdate:
    """Per goal, its strategies' and action steps' latest updates and its measures'
    latest results and statuses, as they stood when the window closed."""
    tree = plan_tree(plan)
    progress = plan_progress(tree)
    year = progress.latest_year_with_results
    progress.read_in(year)
    latest = window_updates(window)
    work = {id(group.node): [n for n in _walk(group.node) if n.is_work] for group in progress.goals}
    owners = _owners([n.item for nodes in work.values() for n in nodes])
    goals = [
        GoalUpdate(
            group.node,
            [
                (n, owners.get(n.item.owner_user_id, n.item.owner), latest.get((n.kind, n.pk)))
                for n in work[id(group.node)]
            ],
            group.measures,
            group.shown_counts,
        )
        for group in progress.goals
    ]
    counted = Counter(measure.status_in(year) for measure in progress.measures)
    counts = [(status, counted[status]) for status in Status if counted[status]]
    return BoardUpdate(window, goals, year, counts)


def _owners(items) -> dict[int, str]:
    """The names of the members who own these items, read at once."""
    ids = {item.owner_user_id for item in items if item.owner_user_id}
    users = get_user_model().objects.filter(pk__in=ids) if ids else []
    return {user.pk: display_name(user) for user in users}


def _walk(node):
    """What is under the item, but not under a goal below it: that goal is its own unit."""
    for child in node.children:
        if child.kind != "goal":
            yield child
            yield from _walk(child)


def windows_closing(today: datetime.date):
    """The windows whose reminder is due today or was due and the window is still open."""
    return UpdateWindow.objects.filter(closes_on__gte=today).select_related("plan")


def owners_to_remind(windows) -> dict[int, dict]:
    """For each window, by its id: each owner with an account of its plan's unfinished
    work, and that work. Read in one query per kind of work, however many windows and
    owners."""
    by_plan: dict[int, dict] = {window.plan_id: {} for window in windows}
    for kind, model in WORK_MODELS.items():
        items = model.objects.filter(plan_id__in=by_plan, owner_user__isnull=False)
        items = items.exclude(status__in=[Work.Status.COMPLETE, Work.Status.DISCONTINUED])
        for item in items.select_related("owner_user").order_by("plan_id", "pk"):
            by_plan[item.plan_id].setdefault(item.owner_user, []).append((kind, item))
    return {window.pk: by_plan[window.plan_id] for window in windows}
