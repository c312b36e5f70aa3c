"""How every view of a plan finds it, and finds what is in it.

plan_for() asks districts.access.member() who is asking (404 outside the district, 403
for a role that may not do what the view does), then finds the plan in that district.
Everything else of a plan is found through the plan, never by its id alone.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from districts.access import member
from districts.models import Membership
from planning.models import Plan


def plan_for(
    request, district: str, plan_id: int, ability: str = "read"
) -> tuple[Membership, Plan]:
    membership = member(request.user, district, ability)
    # With its making, if it has one: every page of the plan links to it.
    plans = Plan.objects.in_district(membership.district).select_related("making")
    plan = get_object_or_404(plans, pk=plan_id)
    plan.district = membership.district
    return membership, plan


def node_in(tree, kind: str, pk: int):
    """The item of the plan's tree, or 404 when the plan has no such item."""
    if kind == "plan" and pk != tree.plan.pk:
        raise Http404("No such plan")
    try:
        return tree.find(kind, pk)
    except KeyError:
        raise Http404("No such item in this plan") from None


def may_shape(membership: Membership, plan: Plan) -> bool:
    """Who sets a plan's structure: an administrator, or an editor while it is a draft;
    no one once it is adopted (its structure is a commitment: planning.editing.locked)."""
    if plan.status == Plan.Status.ADOPTED:
        return False
    return membership.can_administer or (membership.can_edit and plan.status == Plan.Status.DRAFT)
