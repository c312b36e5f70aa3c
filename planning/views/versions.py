"""A plan's versions: each read as it was, and any two compared in words."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from planning.access import plan_for
from planning.compare import compare
from planning.pages import page_context
from planning.plan_file import upgrade
from planning.versions import what_made


@require_GET
def versions(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    return render(
        request,
        "planning/versions.html",
        page_context(
            membership,
            plan,
            versions=plan.versions.defer("snapshot"),
        ),
    )


@require_GET
def version_detail(request, district: str, plan_id: int, number: int):
    membership, plan = plan_for(request, district, plan_id)
    version = get_object_or_404(plan.versions, number=number)
    return render(
        request,
        "planning/version.html",
        page_context(
            membership,
            plan,
            version=version,
            crumb=f"Version {version.number}",
            snapshot=upgrade(version.snapshot),
        ),
    )


@require_GET
def versions_compare(request, district: str, plan_id: int):
    membership, plan = plan_for(request, district, plan_id)
    numbers = [request.GET.get("a", ""), request.GET.get("b", "")]
    if not all(n.isdigit() for n in numbers):
        messages.error(request, "Choose two versions to compare.")
        return redirect("versions", district, plan_id)
    older = get_object_or_404(plan.versions, number=int(numbers[0]))
    newer = get_object_or_404(plan.versions, number=int(numbers[1]))
    made = what_made(plan, older, newer)
    return render(
        request,
        "planning/compare.html",
        page_context(
            membership,
            plan,
            older=older,
            newer=newer,
            comparison=_attributed(compare(older.snapshot, newer.snapshot), plan, made),
            made=made,
            back=reverse("versions", args=[district, plan_id]),
            crumb=f"Version {older.number} and {newer.number}",
        ),
    )


def _attributed(comparison: dict, plan, made: dict) -> dict:
    """Each difference with what made it: an approved recommendation or a correction."""
    for group in comparison["goals"]:
        for difference in group.differences:
            difference.made_by = made["made_by"].get(difference.key)
    comparison["plan_made_by"] = made["made_plan"]
    return comparison
