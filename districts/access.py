"""Who may see and change what: every view looks its objects up through here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districts.models import District, Membership, Role


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


def require_editor(membership: Membership) -> None:
    if not membership.can_edit:
        raise PermissionDenied("Only the district's editors and administrators can change a plan.")


def require_administrator(membership: Membership, doing: str) -> None:
    """doing: what only an administrator may do, as the refusal says it."""
    if not membership.can_administer:
        raise PermissionDenied(f"Only a district administrator {doing}.")
