"""A district's people: invitations, roles and removals, with the rule that a district
always keeps at least one administrator."""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.dispatch import Signal
from django.utils import timezone

from districts.models import District, Invitation, Membership, Role

VALID_FOR = timedelta(days=14)

# Sent as an invitation is accepted (invitation, user), within its transaction: what was
# given to the invited person before they joined (the plans' work they own) becomes theirs.
invitation_accepted = Signal()


def display_name(user) -> str:
    """A person as people call them: their full name, else their username."""
    return user.get_full_name() or user.get_username()


class LastAdministrator(Exception):
    pass


class NotSent(Exception):
    """The mail server refused the invitation or could not be reached: nothing was saved."""


@transaction.atomic
def invite(district: District, *, email: str, role: str, by, link_for) -> Invitation:
    invitation = Invitation.objects.create(
        district=district, email=email, role=role, invited_by=by, token=secrets.token_urlsafe(32)
    )
    _mail(invitation, by, link_for)
    return invitation


@transaction.atomic
def invite_again(invitation: Invitation, *, by, link_for) -> Invitation:
    """An invitation sent again with a fresh link, valid from now, for the same email and
    role. It stays the same invitation, so the work it was given to own stays given. Not
    sent, it stays as it was, its earlier link too."""
    invitation.token = secrets.token_urlsafe(32)
    invitation.created_at = timezone.now()
    invitation.invited_by = by
    invitation.save(update_fields=["token", "created_at", "invited_by"])
    _mail(invitation, by, link_for)
    return invitation


def _mail(invitation: Invitation, by, link_for) -> None:
    """Sent within the invitation's transaction: a mail that fails leaves nothing saved."""
    district = invitation.district
    try:
        send_mail(
            f"You are invited to {district.name}'s strategic plan",
            f"{display_name(by)} invites you to join {district.name} as "
            f"{invitation.get_role_display()}.\n\nThis link works once, for "
            f"{VALID_FOR.days} days:\n{link_for(invitation)}\n",
            None,
            [invitation.email],
        )
    except OSError as problem:  # smtplib's errors, refused connections and timeouts alike
        raise NotSent(invitation.email) from problem


def _open_since():
    return timezone.now() - VALID_FOR


def members_of(district_id: int):
    """The people of a district, to choose an owner from."""
    users = get_user_model().objects.filter(memberships__district_id=district_id)
    return users.order_by("first_name", "last_name", "username")


def open_invitations():
    return Invitation.objects.filter(accepted_at=None, created_at__gte=_open_since())


def not_accepted(district: District):
    """The district's invitations not yet accepted, newest first, each marked whether it
    has expired."""
    expired = ExpressionWrapper(Q(created_at__lt=_open_since()), output_field=BooleanField())
    return (
        district.invitations.filter(accepted_at=None)
        .annotate(expired=expired)
        .order_by("-created_at")
    )


def open_invitation(token: str) -> Invitation | None:
    return open_invitations().select_related("district").filter(token=token).first()


@transaction.atomic
def accept(invitation: Invitation, user) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValueError("This invitation has been used already.")
    if not invitation.is_for(user):
        raise ValueError("This invitation was sent to another email address.")
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    membership, _ = Membership.objects.update_or_create(
        user=user, district=invitation.district, defaults={"role": invitation.role}
    )
    invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return membership


def _keeps_an_administrator(membership: Membership, new_role: str | None) -> None:
    if membership.role != Role.ADMIN or new_role == Role.ADMIN:
        return
    others = Membership.objects.filter(district=membership.district, role=Role.ADMIN).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise LastAdministrator(
            f"{membership.user} is the last administrator of {membership.district}: "
            "make someone else an administrator first."
        )


@transaction.atomic
def change_role(membership: Membership, role: str) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _keeps_an_administrator(membership, role)
    membership.role = role
    membership.save(update_fields=["role"])


@transaction.atomic
def remove(membership: Membership) -> None:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _keeps_an_administrator(membership, None)
    membership.delete()


def account_for(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()
