"""Log-in throttling: repeated wrong passwords lock the account and the client out for a while,
with a page that says so, and an admin can lift the lock-out."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def make_user(*, username):
    return User.objects.create_user(username=username, password="pw")


@pytest.fixture
def editor():
    return make_user(username="amina")


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, times, username="amina", address="203.0.113.7"):
    for _ in range(times):
        log_in(client, username, "wrong", address)


def test_wrong_passwords_below_the_limit_leave_the_right_one_working(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, "amina", "pw")

    assert response.status_code == 302


def test_the_right_password_after_too_many_wrong_ones_is_refused_with_a_page(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "amina", "pw")

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.text
    assert "15&nbsp;minutes" in response.text
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_every_address(client, editor):
    fail(client, settings.AXES_FAILURE_LIMIT, address="203.0.113.7")

    response = log_in(client, "amina", "pw", address="198.51.100.20")

    assert response.status_code == 429


def test_the_client_is_locked_for_every_account(client, editor):
    make_user(username="bilal")
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"guess{number}", "wrong")

    response = log_in(client, "bilal", "pw")

    assert response.status_code == 429


def test_others_log_in_while_one_account_and_client_are_locked(client, editor):
    make_user(username="bilal")
    fail(client, settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "bilal", "pw", address="198.51.100.20")

    assert response.status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_client_lock_out(client, editor):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    make_user(username="bilal")

    response = log_in(client, "bilal", "pw")

    assert response.status_code == 429


def test_behind_a_proxy_the_forwarded_client_address_is_counted(client, editor, settings):
    settings.NEWSDESK_TRUSTED_PROXIES = 1
    make_user(username="bilal")
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": f"guess{number}", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    other_client = client.post(
        LOGIN,
        {"username": "bilal", "password": "pw"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )

    assert other_client.status_code == 302


def test_an_admin_lifts_the_lock_out(client, editor, admin_client):
    fail(client, settings.AXES_FAILURE_LIMIT)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))

    listing = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "lift_lockout", "_selected_action": attempts},
        follow=True,
    )

    assert "Lifted the lock-out" in listing.text
    assert log_in(client, "amina", "pw").status_code == 302


def test_password_reset_by_mail_is_not_offered(client):
    assert client.get("/accounts/password_reset/").status_code == 404


def test_a_user_name_longer_than_any_is_counted_not_a_server_error(client):
    response = log_in(client, "a" * 5000, "wrong")

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "a" * 150
