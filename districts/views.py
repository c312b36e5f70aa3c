from django.shortcuts import render
from django.views.decorators.http import require_GET

from districts.access import membership_for
from districts.models import District, Membership, Role
from measures.status import Status, status_rule_as_html
from planning.models import Plan


@require_GET
def home(request):
    if request.user.is_superuser:
        memberships = [
            Membership(user=request.user, district=district, role=Role.ADMIN)
            for district in District.objects.all()
        ]
    else:
        memberships = Membership.objects.for_user(request.user)
    return render(request, "districts/home.html", {"memberships": memberships})


@require_GET
def district_detail(request, district: str):
    membership = membership_for(request.user, district)
    plans = Plan.objects.in_district(membership.district)
    return render(
        request,
        "districts/district_detail.html",
        {"membership": membership, "district": membership.district, "plans": plans},
    )


@require_GET
def status_help(request):
    return render(
        request, "districts/status_help.html", {"rule": status_rule_as_html(), "labels": Status}
    )
