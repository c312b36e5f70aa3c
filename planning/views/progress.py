"""Progress through the year: a person's own work, the plan's update windows, and the
board's progress update for each window (a page and a PDF)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from districts.access import require
from districts.models import Membership
from planning import updates
from planning.access import plan_for
from planning.forms import UpdateWindowForm
from planning.pages import page_context


@require_GET
def my_work(request):
    """What the person owns in each of their districts, what is due or overdue, and the
    measures whose results they enter."""
    today = timezone.localdate()
    districts = [
        (membership.district, updates.my_work(request.user, membership.district, today))
        for membership in Membership.objects.for_user(request.user)
    ]
    return render(request, "planning/my_work.html", {"districts": districts, "today": today})


@require_http_methods(["GET", "POST"])
def update_windows(request, district: str, plan_id: int):
    """The windows in which owners post their updates; an administrator sets them."""
    membership, plan = plan_for(request, district, plan_id)
    form = None
    if membership.can_administer:
        form = UpdateWindowForm(request.POST or None)
    if request.method == "POST":
        require(membership, "administer")
        if form.is_valid():
            window = form.save(commit=False)
            window.plan = plan
            window.save()
            return redirect(reverse("update_windows", args=[district, plan_id]))
    context = page_context(membership, plan, windows=plan.update_windows.all(), form=form)
    status = 422 if form is not None and form.is_bound else 200
    return render(request, "planning/update_windows.html", context, status=status)


@require_http_methods(["GET", "POST"])
def window_edit(request, district: str, plan_id: int, window_id: int):
    """An administrator changes a window's name, days or reminder."""
    membership, plan = plan_for(request, district, plan_id, "administer")
    window = get_object_or_404(plan.update_windows, pk=window_id)
    form = UpdateWindowForm(request.POST or None, instance=window)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the window {window.name}.")
        return redirect(reverse("update_windows", args=[district, plan_id]))
    context = page_context(membership, plan, window=window, form=form)
    status = 422 if form.is_bound else 200
    return render(request, "planning/update_window_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def window_delete(request, district: str, plan_id: int, window_id: int):
    """An administrator deletes a window, once asked: the board's progress update for it
    goes with it, the owners' updates stay."""
    membership, plan = plan_for(request, district, plan_id, "administer")
    window = get_object_or_404(plan.update_windows, pk=window_id)
    back = reverse("update_windows", args=[district, plan_id])
    if request.method == "GET":
        context = page_context(
            membership,
            plan,
            heading=f"Delete the window {window.name}?",
            crumb=f"Delete {window.name}",
            explanation=[
                f"{window} will no longer be listed, no reminders will be sent for it and "
                "the board's progress update for it will no longer be available. The "
                "updates owners posted stay on their strategies and action steps."
            ],
            button="Delete the window",
            action=reverse("window_delete", args=[district, plan_id, window.pk]),
            back=back,
        )
        return render(request, "planning/confirm.html", context)
    window.delete()
    messages.success(request, f"Deleted the window {window.name}.")
    return redirect(back)


@require_GET
def board_update(request, district: str, plan_id: int, window_id: int):
    """The board's progress update for a window: a summary, then per goal the work's
    updates and the measures' latest results and statuses."""
    membership, plan = plan_for(request, district, plan_id)
    window = get_object_or_404(plan.update_windows, pk=window_id)
    report = updates.board_update(plan, window)
    return render(
        request, "planning/board_update.html", page_context(membership, plan, report=report)
    )
