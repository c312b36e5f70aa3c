from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models


class District(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    logo = models.ImageField(upload_to="logos/", blank=True)
    colour = models.CharField(
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #1f4e79.")],
        help_text="The district's brand colour, as #rrggbb.",
    )
    example = models.BooleanField(
        "A made-up example",
        default=False,
        help_text="Every page of a made-up district says so, so that nobody takes its "
        "people, plans and numbers for a real district's.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "District administrator"
    EDITOR = "editor", "Steering committee member"
    APPROVER = "approver", "Superintendent (approver)"
    VIEWER = "viewer", "Board member (viewer)"


# What a person may do in a district, and the roles that allow it: the one table that
# every view's check (districts.access.member) and every template's "can_…" read.
ABILITIES: dict[str, frozenset[str]] = {
    "read": frozenset(Role.values),
    "edit": frozenset({Role.ADMIN, Role.EDITOR}),
    "approve": frozenset({Role.APPROVER}),
    "administer": frozenset({Role.ADMIN}),
}


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user).select_related("district")


class Membership(models.Model):
    """A person's role in one district; a person may belong to several districts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["district__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_role_per_district"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.district}"

    def may(self, ability: str) -> bool:
        return self.role in ABILITIES[ability]

    @property
    def can_edit(self) -> bool:
        return self.may("edit")

    @property
    def can_approve(self) -> bool:
        return self.may("approve")

    @property
    def can_administer(self) -> bool:
        return self.may("administer")


class FailedLogin(models.Model):
    """A failed log-in, kept for a while to slow down password guessing."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at:%Y-%m-%d %H:%M}"


class PasswordResetRequest(models.Model):
    """A password reset mail asked for, kept for a while to limit how many are sent. Every
    request is kept, for an email with an account or without: the limit tells nothing."""

    email = models.CharField(max_length=254, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} from {self.address} at {self.at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """An invitation to join a district in a role, sent by email as a one-time link."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} of {self.district}"

    def is_for(self, user) -> bool:
        """An invitation is for the account with the email it was sent to, and no other:
        whoever else holds the link (forwarded, leaked) cannot join with it."""
        return bool(user.email) and user.email.casefold() == self.email.casefold()
