from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from districts.access import membership_for
from planning.models import Plan
from planning.tree import plan_tree


@require_GET
def plan_detail(request, district: str, plan_id: int):
    membership = membership_for(request.user, district)
    plan = get_object_or_404(Plan.objects.in_district(membership.district), pk=plan_id)
    return render(
        request,
        "planning/plan_detail.html",
        {"membership": membership, "district": membership.district, "tree": plan_tree(plan)},
    )
