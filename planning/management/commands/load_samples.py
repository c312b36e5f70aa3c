"""Load the four sample districts and their plans, and a demo login per role. Safe to rerun."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from districts.models import District, Membership, Role
from planning.models import Plan
from planning.plan_file import create_plan
from planning.titles import titled
from planning.versions import first_version

SAMPLES = ("butler53", "district62", "belen", "clayton")
PUBLISHED = ("belen", "clayton")
DEMO_PASSWORD = "plans-demo"
DISTRICT_FIELDS = ("name", "address", "phone", "email", "website")


def sample_data(slug: str) -> dict:
    path = Path(settings.BASE_DIR) / "fixtures" / f"{slug}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def load_sample(slug: str) -> tuple[District, Plan, bool]:
    """The sample district and its plan; the plan is created only if the district lacks it."""
    data = sample_data(slug)
    district, _ = District.objects.update_or_create(
        slug=slug,
        defaults={name: data["district"].get(name, "") for name in DISTRICT_FIELDS},
    )
    plan = district.plans.filter(title=data["plan"]["title"]).first()
    if plan is not None:
        return district, plan, False
    plan = create_plan(district, data["plan"] | {"published": slug in PUBLISHED})
    first_version(plan)
    return district, plan, True


def ensure_demo_users(district: District) -> list[str]:
    names = []
    User = get_user_model()
    for role in Role:
        username = f"{district.slug}-{role.value}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user, district=district, defaults={"role": role.value}
        )
        names.append(username)
    return names


class Command(BaseCommand):
    help = "Load the sample districts of the seed plans, with demo users for each role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Create the demo users even though DEBUG is off (they share a known password).",
        )
        parser.add_argument("--no-demo-users", action="store_true", help="Load the plans only.")

    def handle(self, *args, demo_users: bool, no_demo_users: bool, **options):
        make_users = not no_demo_users
        if make_users and not settings.DEBUG and not demo_users:
            raise CommandError(
                "DEBUG is off: demo users with a shared password would be a risk here. "
                "Pass --demo-users to create them anyway, or --no-demo-users to load plans only."
            )
        for slug in SAMPLES:
            district, plan, created = load_sample(slug)
            state = "loaded" if created else "already there"
            self.stdout.write(f"{district.name}: {titled(plan)} ({state})")
            if make_users:
                ensure_demo_users(district)
        if make_users:
            self.stdout.write("")
            self.stdout.write(f"Demo logins, all with the password {DEMO_PASSWORD!r}:")
            for slug in SAMPLES:
                self.stdout.write("  " + "  ".join(f"{slug}-{role.value}" for role in Role))
