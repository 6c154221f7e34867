"""Issue 17, point 5: places go to confirmed people. Six fake sign-ups held a group's places for 48 hours and a real
visitor went to the waiting list; now a sign-up takes a place only when she confirms from the e-mail, unconfirmed
sign-ups are erased after 48 hours, and pending sign-ups are limited per connection and per e-mail."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from pairs import services
from pairs.enums import RegistrationStatus as Status
from pairs.models import Registration
from tests.factories import PeerGroupFactory

pytestmark = pytest.mark.django_db

GOOD = {"first_name": "Nadia", "email": "nadia@exemple.fr", "charter": "on", "consent": "on"}


@pytest.fixture
def group(organisation):
    return PeerGroupFactory(owner=organisation, published=True, name="Reprendre", slug="reprendre", capacity=2)


def post(client, group, address="203.0.113.7", **overrides):
    return client.post(f"/groupes/{group.slug}/inscription/", {**GOOD, **overrides}, REMOTE_ADDR=address)


def confirm_link(email):
    message = [m for m in mail.outbox if m.to == [email]][-1]
    return re.search(r"https?://[^\s]+(/groupes/confirmer/[^\s]+/)", message.body).group(1)


def test_fake_sign_ups_take_no_place_and_a_real_visitor_gets_one(client, group, settings):
    settings.GUICHET_SIGNUPS_PER_HOUR = 100
    for n in range(6):  # six fake sign-ups, from six connections, never confirmed
        assert post(client, group, address=f"198.51.100.{n}", email=f"faux{n}@exemple.fr").status_code == 302
    assert group.places_left_now() == 2
    assert "2 places" in client.get("/groupes/").content.decode()

    assert post(client, group).status_code == 302
    done = client.post(confirm_link("nadia@exemple.fr"))
    assert "Votre inscription est confirmée" in done.content.decode()
    assert Registration.objects.get(email="nadia@exemple.fr").status == Status.CONFIRMED
    assert mail.outbox[-1].subject == "Votre inscription est confirmée — Guichet unique"

    # 48 hours later, the unconfirmed sign-ups are gone: nothing typed is kept, nobody is written to.
    sent = len(mail.outbox)
    later = timezone.now() + datetime.timedelta(hours=settings.GUICHET_GROUP_HOLD_HOURS, minutes=1)
    assert services.release_expired_holds(now=later) == 0  # no place was held
    fakes = Registration.objects.filter(status=Status.EXPIRED)
    assert fakes.count() == 6 and not fakes.exclude(email="").exists() and not fakes.exclude(first_name="").exists()
    assert not fakes.exclude(fingerprint="").exists() and len(mail.outbox) == sent
    call_command("release_group_holds", stdout=StringIO())  # again: nothing more


def test_confirming_when_the_group_filled_meanwhile_puts_her_on_the_waiting_list(client, group):
    for n, email in enumerate(("a@exemple.fr", "b@exemple.fr", "c@exemple.fr")):
        post(client, group, email=email, address=f"192.0.2.{n}")
    for email in ("a@exemple.fr", "b@exemple.fr"):
        client.post(confirm_link(email))
    page = client.post(confirm_link("c@exemple.fr"))
    assert (
        "Vous êtes sur la liste d&#x27;attente" in page.content.decode() or "liste d'attente" in page.content.decode()
    )
    c = Registration.objects.get(email="c@exemple.fr")
    assert c.status == Status.WAITING and c.waiting_position == 1 and c.fingerprint == ""
    assert mail.outbox[-1].subject == "Vous êtes sur la liste d'attente — Guichet unique"
    assert group.registrations.holding_place().count() == 2


def test_the_confirmation_page_says_no_place_is_held_yet(client, group):
    post(client, group)
    html = client.get(confirm_link("nadia@exemple.fr")).content.decode()
    assert "Je confirme mon inscription" in html and "une place vous est attribuée s'il en reste une" in html


def test_pending_sign_ups_are_limited_per_email_with_the_error_next_to_the_field(client, organisation, settings):
    settings.GUICHET_SIGNUPS_PER_HOUR = 100
    settings.GUICHET_PENDING_SIGNUPS_PER_EMAIL = 2
    groups = [PeerGroupFactory(owner=organisation, published=True) for _ in range(3)]
    for n, group in enumerate(groups[:2]):
        assert post(client, group, address=f"198.51.100.{n}").status_code == 302
    response = post(client, groups[2], address="198.51.100.9", expectations="Parler de la reprise.")
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["email"]
    assert "attendent encore d&#x27;être confirmées" in response.content.decode()
    html = response.content.decode()
    assert "Parler de la reprise." in html and "nadia@exemple.fr" in html  # nothing typed is lost
    # The same group again is not a new sign-up: her link is sent again.
    assert post(client, groups[0], address="198.51.100.8").status_code == 302
    assert Registration.objects.count() == 2
    # Once she confirms one, she may sign up again.
    services.confirm(Registration.objects.filter(group=groups[0]).get())
    assert post(client, groups[2], address="198.51.100.9").status_code == 302


def test_pending_sign_ups_are_limited_per_connection(client, organisation, settings):
    settings.GUICHET_SIGNUPS_PER_HOUR = 100
    settings.GUICHET_PENDING_SIGNUPS_PER_ADDRESS = 2
    group = PeerGroupFactory(owner=organisation, published=True, capacity=10)
    for n in range(2):
        assert post(client, group, email=f"p{n}@exemple.fr").status_code == 302
    response = post(client, group, email="p9@exemple.fr")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "attendent encore d&#x27;être confirmées par e-mail" in response.content.decode()
    assert "p9@exemple.fr" in response.content.decode()
    assert post(client, group, email="p9@exemple.fr", address="198.51.100.77").status_code == 302


def test_the_coordinator_and_a_move_offer_a_place_at_once(client, group, people):
    registration = services.sign_up(group, first_name="A", email="a@exemple.fr", added_by=people.coordinator)
    assert registration.status == Status.PENDING and registration.hold_expires_at is not None
    assert group.places_left_now() == 1
