"""Every change goes through a POST that carries the page's CSRF token: a form posted from
another site, without it, is refused before any view runs."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_url_walk import world  # noqa: F401  (the fixture: every URL with its arguments)

pytestmark = pytest.mark.django_db


def test_every_url_refuses_a_post_without_the_csrf_token(world, admin_user):  # noqa: F811
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin_user)
    urls = [reverse(name, args=args) for name, (args, _) in world.items()]
    urls += [reverse(name) for name in ("logout", "password_change", "password_reset")]
    urls.append(reverse("password_reset_confirm", args=["MQ", "set-password"]))
    answers = {url: browser.post(url, {"anything": "x"}).status_code for url in urls}
    assert answers == dict.fromkeys(urls, 403)


def test_the_pages_token_lets_a_post_through_as_a_field_or_as_htmxs_header(admin_user):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("login")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    form = {"username": "ada-admin", "password": "correct horse battery"}
    response = browser.post(reverse("login"), {**form, "csrfmiddlewaretoken": token})
    assert response.status_code == 302

    page = browser.get(reverse("home")).content.decode()
    token = page.split('"X-CSRFToken": "')[1].split('"')[0]  # base.html's hx-headers
    response = browser.post(reverse("logout"), HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true")
    assert response.status_code == 302
    assert "_auth_user_id" not in browser.session
