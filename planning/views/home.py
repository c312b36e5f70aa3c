"""Where a person starts: their districts, and a district's plans."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.access import member
from districts.models import District, Membership, Role
from planning.cycle.waiting import waiting_for
from planning.models import Plan


@login_not_required
@require_GET
def home(request):
    if not request.user.is_authenticated:
        return render(request, "planning/welcome.html")
    if request.user.is_superuser:
        memberships = [
            Membership(user=request.user, district=district, role=Role.ADMIN)
            for district in District.objects.all()
        ]
    else:
        memberships = list(Membership.objects.for_user(request.user))
    waiting = waiting_for(request.user, memberships)
    for membership in memberships:
        membership.waiting = waiting[membership.district_id]
    return render(request, "planning/home.html", {"memberships": memberships})


@require_GET
def district_detail(request, district: str):
    membership = member(request.user, district)
    plans = Plan.objects.in_district(membership.district).select_related("making")
    waiting = waiting_for(request.user, [membership])[membership.district_id]
    return render(
        request,
        "planning/district.html",
        {
            "membership": membership,
            "district": membership.district,
            "plans": plans,
            "waiting": waiting,
        },
    )
