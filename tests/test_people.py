"""A district administrator manages the district's people in the app."""

import html
import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from districts.models import Invitation, Membership
from planning.models import Plan
from tests.conftest import error_beside

pytestmark = pytest.mark.django_db


def invite(client, email="nina@example.org", role="editor"):
    return client.post(reverse("people", args=["riverside"]), {"email": email, "role": role})


def link_in_mail() -> str:
    return re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[-1].body).group(1)


def test_admin_invites_a_new_person_who_joins_with_a_one_time_link(client, admin_user):
    client.force_login(admin_user)
    assert invite(client).status_code == 302
    assert mail.outbox[-1].to == ["nina@example.org"]
    link = link_in_mail()
    client.logout()

    page = client.get(link).content.decode()
    assert "Join Riverside Unified" in page and "Steering committee member" in page
    response = client.post(
        link,
        {
            "username": "nina",
            "password1": "a long passphrase 7",
            "password2": "a long passphrase 7",
        },
    )
    assert response.status_code == 302
    member = Membership.objects.get(user__username="nina")
    assert (member.district.slug, member.role, member.user.email) == (
        "riverside",
        "editor",
        "nina@example.org",
    )
    assert client.get(reverse("district", args=["riverside"])).status_code == 200

    client.logout()
    assert client.get(link).status_code == 410  # used once


def test_someone_with_an_account_joins_after_logging_in(client, admin_user, outsider):
    client.force_login(admin_user)
    invite(client, email=outsider.email, role="viewer")
    link = link_in_mail()
    client.logout()
    assert "There is already an account" in client.get(link).content.decode()
    client.force_login(outsider)
    client.post(link)
    assert Membership.objects.get(user=outsider, district__slug="riverside").role == "viewer"


def test_an_invitation_refuses_a_signed_in_person_with_another_email(client, admin_user, outsider):
    client.force_login(admin_user)
    invite(client, email="nina@example.org", role="admin")
    link = link_in_mail()
    client.force_login(outsider)

    response = client.get(link)
    page = response.content.decode()
    assert response.status_code == 403
    assert "This invitation was sent to nina@example.org" in page
    assert "oscar-outsider@example.org" in page
    assert '<button type="submit" class="button">Join' not in page

    assert client.post(link).status_code == 403
    assert not Membership.objects.filter(user=outsider, district__slug="riverside").exists()
    assert Invitation.objects.get().accepted_at is None  # still there for Nina


def test_the_invited_person_confirms_before_joining(client, admin_user, outsider):
    client.force_login(admin_user)
    invite(client, email="Oscar-Outsider@Example.org", role="approver")
    link = link_in_mail()
    client.force_login(outsider)

    page = client.get(link).content.decode()
    assert "Join Riverside Unified as Superintendent (approver)?" in page
    assert f'<form method="post" action="{link}">' in page
    assert not Membership.objects.filter(user=outsider, district__slug="riverside").exists()

    response = client.post(link)
    assert response.url == reverse("district", args=["riverside"])
    assert Membership.objects.get(user=outsider, district__slug="riverside").role == "approver"


def test_the_confirmation_says_which_role_a_member_will_lose(client, admin_user, viewer):
    client.force_login(admin_user)
    invite(client, email=viewer.email, role="editor")
    client.force_login(viewer)
    page = client.get(link_in_mail()).content.decode()
    assert "You are Board member (viewer) of Riverside Unified now" in page


def test_a_new_person_gets_the_invited_email_whatever_the_form_says(client, admin_user):
    client.force_login(admin_user)
    invite(client, email="nina@example.org")
    link = link_in_mail()
    client.logout()
    assert "nina@example.org" in client.get(link).content.decode()
    client.post(
        link,
        {
            "username": "nina",
            "email": "mallory@example.org",
            "password1": "a long passphrase 7",
            "password2": "a long passphrase 7",
        },
    )
    assert Membership.objects.get(user__username="nina").user.email == "nina@example.org"


def test_admin_changes_a_role_and_removes_a_member(client, admin_user, viewer):
    client.force_login(admin_user)
    member = Membership.objects.get(user=viewer)
    client.post(reverse("member_role", args=["riverside", member.pk]), {"role": "approver"})
    member.refresh_from_db()
    assert member.role == "approver"
    client.post(reverse("member_remove", args=["riverside", member.pk]))
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_the_last_administrator_cannot_be_removed_or_demoted(client, admin_user):
    client.force_login(admin_user)
    member = Membership.objects.get(user=admin_user)
    page = client.post(
        reverse("member_role", args=["riverside", member.pk]), {"role": "viewer"}, follow=True
    ).content.decode()
    assert "is the last administrator of Riverside Unified" in page
    client.post(reverse("member_remove", args=["riverside", member.pk]))
    member.refresh_from_db()
    assert member.role == "admin"


def test_only_administrators_manage_people(client, editor, viewer, admin_user):
    target = Membership.objects.get(user=viewer)
    client.force_login(editor)
    assert client.get(reverse("people", args=["riverside"])).status_code == 403
    assert invite(client).status_code == 403
    assert (
        client.post(
            reverse("member_role", args=["riverside", target.pk]), {"role": "admin"}
        ).status_code
        == 403
    )
    assert client.post(reverse("member_remove", args=["riverside", target.pk])).status_code == 403
    target.refresh_from_db()
    assert target.role == "viewer"


def test_an_administrator_of_another_district_gets_404(client, outsider, viewer):
    target = Membership.objects.get(user=viewer)
    client.force_login(outsider)
    assert client.get(reverse("people", args=["riverside"])).status_code == 404
    assert client.post(reverse("member_remove", args=["riverside", target.pk])).status_code == 404
    assert client.post(reverse("member_remove", args=["hillcrest", target.pk])).status_code == 404
    assert Membership.objects.filter(pk=target.pk).exists()


def expired(invitation: Invitation) -> Invitation:
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=15)
    )
    return invitation


def test_an_expired_invitation_says_so_and_is_sent_again(client, admin_user):
    client.force_login(admin_user)
    invite(client, email="nina@example.org", role="editor")
    old_link = link_in_mail()
    invitation = expired(Invitation.objects.get())
    page = client.get(reverse("people", args=["riverside"])).content.decode()
    assert "expired" in page and "Send it again" in page
    again = reverse("invitation_again", args=["riverside", invitation.pk])
    assert f'action="{again}"' in page

    response = client.post(again)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["nina@example.org"] and len(mail.outbox) == 2
    page = client.get(reverse("people", args=["riverside"])).content.decode()
    assert "Sent the invitation to nina@example.org again." in page
    assert "expired" not in page
    client.logout()
    assert client.get(old_link).status_code == 410
    link = link_in_mail()
    client.post(
        link,
        {
            "username": "nina",
            "password1": "a long passphrase 7",
            "password2": "a long passphrase 7",
        },
    )
    assert Membership.objects.get(user__username="nina").role == "editor"
    assert Invitation.objects.count() == 1


def test_only_the_districts_administrators_send_an_invitation_again(
    client, editor, outsider, admin_user
):
    client.force_login(admin_user)
    invite(client)
    invitation = expired(Invitation.objects.get())
    token = invitation.token
    sent = len(mail.outbox)
    for person, status in ((editor, 403), (outsider, 404)):
        client.force_login(person)
        again = client.post(reverse("invitation_again", args=["riverside", invitation.pk]))
        assert again.status_code == status
        elsewhere = client.post(reverse("invitation_again", args=["hillcrest", invitation.pk]))
        assert elsewhere.status_code == 404
    assert Invitation.objects.get().token == token and len(mail.outbox) == sent


class FailingBackend(BaseEmailBackend):
    """A mail server that is down, or refuses the mail."""

    problem: Exception = ConnectionRefusedError(111, "Connection refused")

    def send_messages(self, email_messages):
        raise self.problem


MAIL_PROBLEMS = [
    ConnectionRefusedError(111, "Connection refused"),
    smtplib.SMTPRecipientsRefused({"nina@example.org": (550, b"No such user")}),
    TimeoutError("timed out"),
]


@pytest.fixture(params=MAIL_PROBLEMS, ids=["refused", "smtp", "timeout"])
def mail_fails(request, settings, monkeypatch):
    monkeypatch.setattr(FailingBackend, "problem", request.param)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"


def test_an_invitation_the_mail_server_cannot_send_is_not_kept_and_says_so(
    client, admin_user, mail_fails, settings
):
    client.force_login(admin_user)
    response = invite(client)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Not sent: the mail server could not send the invitation to nina@example.org." in page
    assert "Nothing was saved: invite them again in a few minutes." in page
    assert "Invitations not yet accepted" not in page
    assert not Invitation.objects.exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert invite(client).status_code == 302
    assert Invitation.objects.get().email == "nina@example.org" and len(mail.outbox) == 1


def test_an_invitation_sent_again_that_the_mail_server_cannot_send_stays_as_it_was(
    client, admin_user, settings
):
    client.force_login(admin_user)
    invite(client)
    invitation = expired(Invitation.objects.get())
    before = Invitation.objects.values("token", "created_at").get()
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    response = client.post(reverse("invitation_again", args=["riverside", invitation.pk]))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Not sent: the mail server could not send the invitation to nina@example.org." in page
    assert "It is as it was: send it again in a few minutes." in page
    assert "expired" in page and "Send it again" in page
    assert Invitation.objects.values("token", "created_at").get() == before
    assert len(mail.outbox) == 1


def test_a_made_up_invitation_link_does_nothing(client):
    assert client.get(reverse("invitation", args=["not-a-real-token"])).status_code == 410


def test_admin_starts_a_new_plan_from_last_periods_plan(client, samples):
    from measures.models import Result
    from planning.models import Plan

    old = Plan.objects.get(district__slug="clayton")
    Result.objects.create(measure=old.measures.first(), year=2021, value=50)
    client.login(username="clayton-admin", password="plans-demo")
    response = client.post(
        reverse("plan_new", args=["clayton"]),
        {"title": "Strategic Plan", "start_year": 2025, "end_year": 2030, "copy_from": old.pk},
    )
    new = Plan.objects.filter(district__slug="clayton").exclude(pk=old.pk).get()
    assert response.url == reverse("plan", args=["clayton", new.pk])
    assert (new.status, new.published, new.period) == ("draft", False, "2025–2030")
    assert new.goals.count() == 3 and new.measures.count() == 18
    assert new.mission == old.mission
    assert not Result.objects.filter(measure__plan=new).exists()


def test_a_new_plan_with_a_mistake_keeps_what_was_typed(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("plan_new", args=["riverside"]),
        {"title": "Vision 2030", "start_year": 2030, "end_year": 2025},
    )
    assert response.status_code == 422
    assert "The last year must come after the first year." in response.content.decode()
    assert 'value="Vision 2030"' in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (1985, 1990, "start_year", "Choose a year from 1990 to 2100."),
        (2025, 2200, "end_year", "Choose a year from 1990 to 2100."),
        (2025, 2040, "end_year", "A plan's period can be at most 10 years; 2025–2040 is 15."),
    ],
)
def test_a_new_plan_with_years_out_of_bounds_is_refused_beside_the_field(
    client, admin_user, start, end, field, message
):
    client.force_login(admin_user)
    response = client.post(
        reverse("plan_new", args=["riverside"]),
        {"title": "Vision 2030", "start_year": start, "end_year": end},
    )
    assert response.status_code == 422
    assert html.unescape(error_beside(response.content, field)) == message
    assert 'value="Vision 2030"' in response.content.decode()
    assert not Plan.objects.exists()


def test_only_administrators_start_plans(client, editor):
    client.force_login(editor)
    assert client.get(reverse("plan_new", args=["riverside"])).status_code == 403


def test_the_people_page_has_breadcrumbs(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("people", args=["riverside"])).content.decode()
    trail = page.split('<nav aria-label="Breadcrumb" class="breadcrumbs">')[1].split("</nav>")[0]
    assert '<a href="/d/riverside/">Riverside Unified</a>' in trail
    assert '<li aria-current="page">People</li>' in trail
