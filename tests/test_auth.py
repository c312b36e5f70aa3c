import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_a_real_form(client):
    page = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page


def test_person_logs_in_and_out(client, viewer):
    response = client.post(
        reverse("login"), {"username": "vera-viewer", "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("district", args=["riverside"])).status_code == 302


def test_wrong_password_says_so_and_keeps_the_username(client, viewer):
    response = client.post(reverse("login"), {"username": "vera-viewer", "password": "nope"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in page
    assert 'value="vera-viewer"' in page


def test_password_reset_sends_a_link_that_sets_a_new_password(client, viewer):
    client.post(reverse("password_reset"), {"email": viewer.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_url = client.get(link).url  # Django swaps the token for a session one
    response = client.post(
        form_url,
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.check_password("a new long passphrase")


def test_an_account_is_held_back_after_five_failed_log_ins(client, viewer):
    for _ in range(5):
        client.post(reverse("login"), {"username": "vera-viewer", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "vera-viewer", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert 'value="vera-viewer"' in response.content.decode()
    assert "_auth_user_id" not in client.session  # not logged in


def test_an_address_is_held_back_after_twenty_failed_log_ins(client, viewer):
    for n in range(20):
        client.post(reverse("login"), {"username": f"guess{n}", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "vera-viewer", "password": "correct horse battery"}
    )
    assert response.status_code == 429


def test_a_good_log_in_clears_the_accounts_failures(client, viewer):
    for _ in range(4):
        client.post(reverse("login"), {"username": "vera-viewer", "password": "wrong"})
    client.post(reverse("login"), {"username": "vera-viewer", "password": "correct horse battery"})
    client.logout()
    for _ in range(4):
        client.post(reverse("login"), {"username": "vera-viewer", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "vera-viewer", "password": "correct horse battery"}
    )
    assert response.status_code == 302


def test_health_check_answers_without_a_login(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


RESPELLINGS = ["vera-viewer ", "\tvera-viewer", "ｖｅｒａ-viewer", "VERA-VIEWER"]


@pytest.mark.parametrize("respelled", RESPELLINGS)
def test_respelled_username_is_still_locked_out(client, viewer, respelled):
    for _ in range(5):
        client.post(reverse("login"), {"username": "vera-viewer", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": respelled, "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_under_respellings_count_against_one_account(client, viewer):
    for respelled in [*RESPELLINGS, "vera-viewer"]:
        client.post(reverse("login"), {"username": respelled, "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "vera-viewer", "password": "correct horse battery"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def log_in(client, username, password, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_trusted_proxy_each_client_address_is_limited_on_its_own(client, viewer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(20):
        # What the client wrote itself (left) is no address to trust; the proxy's entry is.
        log_in(client, f"guess{n}", "wrong", forwarded_for=f"10.0.0.{n}, 203.0.113.5")
    assert log_in(client, "vera-viewer", "correct horse battery", "203.0.113.5").status_code == 429
    assert log_in(client, "vera-viewer", "correct horse battery", "203.0.113.9").status_code == 302


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(client, viewer):
    for n in range(20):
        log_in(client, f"guess{n}", "wrong", forwarded_for=f"203.0.113.{n}")
    response = log_in(client, "vera-viewer", "correct horse battery", "198.51.100.1")
    assert response.status_code == 429


def test_behind_two_trusted_proxies_the_address_the_outer_one_saw_counts(client, viewer, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    for n in range(20):
        log_in(client, f"guess{n}", "wrong", forwarded_for=f"10.0.0.{n}, 203.0.113.5, 10.1.1.1")
    assert (
        log_in(client, "vera-viewer", "correct horse battery", "203.0.113.5, 10.1.1.1").status_code
        == 429
    )
    assert (
        log_in(client, "vera-viewer", "correct horse battery", "203.0.113.9, 10.1.1.1").status_code
        == 302
    )


def test_a_forwarded_value_that_is_no_address_counts_against_the_proxy(client, viewer, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(20):
        log_in(client, f"guess{n}", "wrong", forwarded_for=f"not-an-address-{n}")
    response = log_in(client, "vera-viewer", "correct horse battery", "nor-this-one")
    assert response.status_code == 429


def ask_for_a_reset(client, email, address="127.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_mails_to_one_email_are_limited(client, viewer):
    spellings = ["vera-viewer@example.org", "VERA-VIEWER@example.org", " vera-viewer@example.org"]
    for spelling in spellings:
        assert ask_for_a_reset(client, spelling).status_code == 302
    assert len(mail.outbox) == 3

    response = ask_for_a_reset(Client(), "Vera-Viewer@Example.org", address="203.0.113.9")
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many password reset requests for this email address" in page
    assert 'value="Vera-Viewer@Example.org"' in page
    assert len(mail.outbox) == 3


def test_password_reset_requests_from_one_address_are_limited(client, viewer):
    for n in range(20):
        ask_for_a_reset(client, f"someone{n}@example.org", address="203.0.113.5")
    assert ask_for_a_reset(client, viewer.email, address="203.0.113.5").status_code == 429
    assert mail.outbox == []
    assert ask_for_a_reset(client, viewer.email, address="203.0.113.9").status_code == 302
    assert len(mail.outbox) == 1


def test_the_reset_limit_does_not_tell_whether_an_account_exists(client, viewer):
    def answers_for(email):
        answers = []
        for n in range(4):
            response = ask_for_a_reset(Client(), email, address=f"203.0.113.{n}")
            page = response.content.decode().replace(email, "EMAIL")
            page = re.sub(r"[A-Za-z0-9]{64}", "CSRF-TOKEN", page)
            answers.append((response.status_code, response.get("Location"), page))
        return answers

    known = answers_for(viewer.email)
    assert [status for status, _, _ in known] == [302, 302, 302, 429]
    assert known == answers_for("nobody@example.org")


def test_a_reset_the_mail_server_cannot_send_is_logged_and_tells_nothing(
    client, viewer, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.test_people.FailingBackend"
    known = ask_for_a_reset(client, viewer.email)
    assert known.status_code == 302 and known.url == reverse("password_reset_done")
    page = client.get(known.url).content.decode()
    assert "If an account has that address, a link to choose a new password is on its way" in page
    unknown = ask_for_a_reset(Client(), "nobody@example.org", address="203.0.113.9")
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)

    failures = [record for record in caplog.records if record.levelname == "ERROR"]
    assert [record.getMessage() for record in failures] == [
        f"Failed to send password reset email to {viewer.pk}"
    ]
    assert "/accounts/reset/" not in caplog.text  # the link stays out of the log
