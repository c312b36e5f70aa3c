"""What waits for a person, by district: for the superintendent, packets to decide; for
an administrator, reviews to close and invitations not yet accepted; for a committee
member, recommendations the superintendent returned to them. A few queries whatever
the number of districts, plans or things waiting."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.template.defaultfilters import pluralize
from django.urls import reverse

from districts.models import ABILITIES
from districts.people import open_invitations
from planning.models import Packet, Recommendation, Review


@dataclass
class Waiting:
    what: str
    url: str
    link_text: str


def waiting_for(user, memberships) -> dict[int, list[Waiting]]:
    """{district id: what waits there for this person}, for each of their memberships."""
    by_ability = {
        ability: [m.district_id for m in memberships if m.role in ABILITIES[ability]]
        for ability in ("approve", "administer", "edit")
    }
    waiting: dict[int, list[Waiting]] = {m.district_id: [] for m in memberships}
    if by_ability["approve"]:
        packets = (
            Packet.objects.filter(
                state=Packet.State.FORWARDED, plan__district__in=by_ability["approve"]
            )
            .select_related("plan__district")
            .annotate(
                undecided=Count(
                    "recommendations",
                    filter=Q(recommendations__state=Recommendation.State.FORWARDED),
                )
            )
            .order_by("forwarded_at")
        )
        for packet in packets:
            plan = packet.plan
            waiting[plan.district_id].append(
                Waiting(
                    f"{packet.undecided} recommendation{pluralize(packet.undecided)} "
                    f"to decide for {plan.title}",
                    reverse("packet", args=[plan.district.slug, plan.pk, packet.pk]),
                    f"Decide “{packet}”",
                )
            )
    if by_ability["administer"]:
        reviews = (
            Review.objects.filter(
                state=Review.State.OPEN, plan__district__in=by_ability["administer"]
            )
            .select_related("plan__district")
            .order_by("plan__title", "year")
        )
        for review in reviews:
            plan = review.plan
            waiting[plan.district_id].append(
                Waiting(
                    f"{review} of {plan.title} is open",
                    reverse("review", args=[plan.district.slug, plan.pk, review.year]),
                    f"Close {review}",
                )
            )
        pending = (
            open_invitations()
            .filter(district__in=by_ability["administer"])
            .values("district", "district__slug")
            .annotate(count=Count("pk"))
            .order_by()
        )
        for row in pending:
            waiting[row["district"]].append(
                Waiting(
                    f"{row['count']} invitation{pluralize(row['count'])} not yet accepted",
                    reverse("people", args=[row["district__slug"]]),
                    "People and roles",
                )
            )
    if by_ability["edit"]:
        # Returned to them until the committee forwards its next packet.
        later = Packet.objects.filter(
            plan=OuterRef("packet__plan"), forwarded_at__gt=OuterRef("packet__forwarded_at")
        )
        returned = (
            Recommendation.objects.filter(
                state=Recommendation.State.RETURNED,
                drafted_by=user,
                packet__plan__district__in=by_ability["edit"],
            )
            .exclude(Exists(later))
            .select_related("packet__plan__district")
            .order_by("decided_at")
        )
        for recommendation in returned:
            plan = recommendation.packet.plan
            note = recommendation.decision_note
            waiting[plan.district_id].append(
                Waiting(
                    f"Returned to you: “{recommendation}”" + (f" ({note})" if note else ""),
                    reverse("spring", args=[plan.district.slug, plan.pk]),
                    f"Spring recommendations of {plan.title}",
                )
            )
    return waiting
