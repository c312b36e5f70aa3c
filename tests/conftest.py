"""The same people in every test: one of each role in one district, and an outsider."""

import pytest

from districts.models import Role
from tests.factories import DistrictFactory, MembershipFactory, PlanFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def district():
    return DistrictFactory(name="Riverside Unified", slug="riverside")


@pytest.fixture
def other_district():
    return DistrictFactory(name="Hillcrest County Schools", slug="hillcrest")


def _member(district, role: str, username: str):
    return MembershipFactory(district=district, role=role, user=UserFactory(username=username)).user


@pytest.fixture
def admin_user(district):
    return _member(district, Role.ADMIN, "ada-admin")


@pytest.fixture
def editor(district):
    return _member(district, Role.EDITOR, "eddie-editor")


@pytest.fixture
def approver(district):
    return _member(district, Role.APPROVER, "alex-approver")


@pytest.fixture
def viewer(district):
    return _member(district, Role.VIEWER, "vera-viewer")


@pytest.fixture
def outsider(other_district):
    """An administrator of another district: powerful there, a stranger here."""
    return _member(other_district, Role.ADMIN, "oscar-outsider")


@pytest.fixture
def plan(district):
    return PlanFactory(district=district)
