"""The coordinator and the facilitators in the admin: counts, manual add, cancel, move, attendance sheet; operators
see only their organisation's groups and sign-ups."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pairs import services
from pairs.enums import RegistrationStatus as Status
from pairs.models import PeerGroup, Registration
from tests.factories import PeerGroupFactory, _departement
from tests.pairs.helpers import take

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(organisation, other_organisation):
    mine = PeerGroupFactory(owner=organisation, published=True, name="Groupe de Marseille", capacity=1)
    theirs = PeerGroupFactory(owner=other_organisation, published=True, name="Groupe de Nice")
    take(mine, first_name="Amina", email="amina@exemple.fr")
    take(mine, first_name="Béatrice", email="beatrice@exemple.fr")  # waiting list
    take(theirs, first_name="Chloé", email="chloe@exemple.fr")
    return mine, theirs


def test_operators_see_only_their_organisations_sign_ups(client, people, groups):
    mine, theirs = groups
    client.force_login(people.owner_operator)
    html = client.get(reverse("admin:pairs_registration_changelist")).content.decode()
    assert "Amina" in html and "Béatrice" in html
    assert "Chloé" not in html and "Groupe de Nice" not in html  # not even the other group's name in the filter
    chloe = Registration.objects.get(first_name="Chloé")
    assert client.get(reverse("admin:pairs_registration_change", args=[chloe.pk])).status_code == 302
    assert client.get(reverse("admin:pairs_peergroup_attendance", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("admin:pairs_peergroup_attendance_csv", args=[theirs.pk])).status_code == 403
    groups_html = client.get(reverse("admin:pairs_peergroup_changelist")).content.decode()
    assert "Groupe de Marseille" in groups_html and "Groupe de Nice" not in groups_html

    client.force_login(people.other_operator)
    html = client.get(reverse("admin:pairs_registration_changelist")).content.decode()
    assert "Chloé" in html and "Amina" not in html

    client.force_login(people.coordinator)
    html = client.get(reverse("admin:pairs_registration_changelist")).content.decode()
    assert "Amina" in html and "Chloé" in html


def test_counts_per_group(client, people, groups):
    client.force_login(people.coordinator)
    html = client.get(reverse("admin:pairs_peergroup_changelist")).content.decode()
    row = re.search(r"Groupe de Marseille.*?</tr>", html, re.S).group(0)
    assert 'status__exact=confirmee">1<' in row and 'status__exact=liste-attente">1<' in row


def test_manual_add_sends_the_same_emails(client, people, groups, django_capture_on_commit_callbacks):
    mine, _ = groups
    client.force_login(people.owner_operator)
    url = reverse("admin:pairs_registration_add")
    response = client.post(url, {"group": mine.pk, "first_name": "Dalila", "email": "dalila@exemple.fr"})
    assert response.status_code == 200 and "Sans son accord" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"group": mine.pk, "first_name": "Dalila", "email": "dalila@exemple.fr", "consent": "on"}
        )
    assert response.status_code == 302
    dalila = Registration.objects.get(email="dalila@exemple.fr")
    assert dalila.status == Status.WAITING and dalila.added_by == people.owner_operator
    assert mail.outbox[-1].subject == "Vous êtes sur la liste d'attente — Guichet unique"


def test_cancel_action_promotes_the_waiting_list(client, people, groups, django_capture_on_commit_callbacks):
    amina = Registration.objects.get(first_name="Amina")
    client.force_login(people.coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:pairs_registration_changelist"),
            {"action": "cancel_selected", "_selected_action": [amina.pk]},
        )
    assert Registration.objects.get(first_name="Amina").status == Status.CANCELLED
    assert Registration.objects.get(first_name="Béatrice").status == Status.PENDING
    assert {m.subject for m in mail.outbox} == {
        "Votre désinscription est enregistrée — Guichet unique",
        "Une place s'est libérée — Guichet unique",
    }


def test_move_to_another_group(client, people, organisation, groups, django_capture_on_commit_callbacks):
    other = PeerGroupFactory(owner=organisation, published=True, name="Groupe en visio", video=True)
    beatrice = Registration.objects.get(first_name="Béatrice")
    client.force_login(people.owner_operator)
    url = reverse("admin:pairs_registration_changelist")
    page = client.post(url, {"action": "move_selected", "_selected_action": [beatrice.pk]})
    assert "Groupe en visio" in page.content.decode() and "Groupe de Nice" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"action": "move_selected", "_selected_action": [beatrice.pk], "apply": "1", "group": other.pk}
        )
    assert Registration.objects.get(pk=beatrice.pk).status == Status.CANCELLED
    moved = Registration.objects.get(group=other)
    assert moved.status == Status.PENDING and moved.email == "beatrice@exemple.fr"
    assert mail.outbox[-1].subject == "Confirmez votre inscription — Guichet unique"


def test_attendance_sheet_and_csv_list_confirmed_participants(client, people, organisation):
    group = PeerGroupFactory(owner=organisation, published=True)
    services.confirm(services.sign_up(group, first_name="Élise", email="elise@exemple.fr", phone="06 12 34 56 78"))
    services.confirm(services.sign_up(group, first_name='=HYPERLINK("x")', email="f@exemple.fr"))
    services.sign_up(group, first_name="Pas confirmée", email="g@exemple.fr")
    client.force_login(people.owner_operator)
    html = client.get(reverse("admin:pairs_peergroup_attendance", args=[group.pk])).content.decode()
    assert "Élise" in html and "Pas confirmée" not in html and html.count("<td></td>") == 8
    response = client.get(reverse("admin:pairs_peergroup_attendance_csv", args=[group.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8" and "private" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Prénom ou pseudonyme;E-mail;Téléphone;")
    assert len(lines) == 3 and any(line.startswith("Élise;elise@exemple.fr;06 12 34 56 78") for line in lines)
    assert any(line.startswith("\"'=HYPERLINK") for line in lines)  # never a formula


def test_a_series_of_sessions_in_one_go_keeps_local_hours_across_daylight_saving(client, people, organisation):
    year = timezone.localdate().year + 1
    client.force_login(people.coordinator)
    data = {
        "name": "Groupe du printemps",
        "slug": "groupe-du-printemps",
        "summary": "Pour parler.",
        "format": "sur-place",
        "city": "Toulon",
        "postal_code": "83000",
        "departement": _departement("83").pk,
        "capacity": "8",
        "facilitator_name": "Sophie",
        "organiser_name": "Association",
        "charter": "Bienveillance.",
        "is_open": "on",
        "owner": organisation.pk,
        "status": "brouillon",
        "series_start_0": f"10/03/{year}",
        "series_start_1": "18:00",
        "series_minutes": "90",
        "series_every_weeks": "2",
        "series_count": "4",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:pairs_peergroup_add"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    sessions = list(PeerGroup.objects.get(slug="groupe-du-printemps").sessions.all())
    assert [timezone.localtime(s.starts_at).hour for s in sessions] == [18, 18, 18, 18]
    assert [s.ends_at - s.starts_at for s in sessions] == [datetime.timedelta(minutes=90)] * 4
    assert len({s.starts_at.utcoffset() for s in sessions}) == 1  # stored in UTC
    assert len({timezone.localtime(s.starts_at).utcoffset() for s in sessions}) == 2  # across the change

    data.update(slug="autre", series_count="")
    response = client.post(reverse("admin:pairs_peergroup_add"), data)
    assert response.status_code == 200 and "remplissez ses quatre champs" in response.content.decode()


def test_sign_ups_list_costs_the_same_queries_whatever_their_number(
    client, people, organisation, groups, django_assert_max_num_queries
):
    mine, _ = groups
    client.force_login(people.coordinator)
    url = reverse("admin:pairs_registration_changelist")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(15):
        take(mine, first_name=f"Attente {n}", email=f"w{n}@exemple.fr")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "Attente 14" in html
    assert [
        r.waiting_position
        for r in Registration.objects.with_waiting_position()
        .filter(group=mine, status=Status.WAITING)
        .order_by("waitlisted_at", "pk")
    ] == list(range(1, 17))
