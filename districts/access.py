"""Who may see and change what. Every view asks member() who is asking: it answers 404
to anyone outside the district and 403 to a role that may not do what the view does.

What each role may do is the one table districts.models.ABILITIES.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districts.models import District, Membership, Role

REFUSALS = {
    "edit": "Only the district's steering committee (editors) and administrators can do that.",
    "approve": "Only the superintendent (approver) can do that.",
    "administer": "Only a district administrator can do that.",
}


def membership_for(user, district_slug: str) -> Membership:
    """The asking user's membership of the district, or 404 if they have none.

    A platform operator (superuser) acts as an administrator of every district.
    """
    try:
        return Membership.objects.select_related("district").get(
            user=user, district__slug=district_slug
        )
    except Membership.DoesNotExist:
        if user.is_superuser:
            try:
                district = District.objects.get(slug=district_slug)
            except District.DoesNotExist:
                raise Http404("No such district") from None
            return Membership(user=user, district=district, role=Role.ADMIN)
        raise Http404("No such district") from None


def require(membership: Membership, ability: str) -> None:
    if not membership.may(ability):
        raise PermissionDenied(REFUSALS[ability])


def member(user, district_slug: str, ability: str = "read") -> Membership:
    """The person's membership of the district, if they may do that there (else 404 or 403)."""
    membership = membership_for(user, district_slug)
    require(membership, ability)
    return membership
