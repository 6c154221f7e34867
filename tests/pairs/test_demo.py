import pytest
from django.core import mail

from pairs.models import PeerGroup, Registration
from tests.helpers import demo_rows

pytestmark = pytest.mark.django_db


def test_demo_groups_across_paca_and_video_some_full_some_with_places(client):
    demo_rows.put_back()
    groups = PeerGroup.objects.published()
    assert groups.count() >= 4 and groups.filter(format="visio").exists()
    assert len({g.departement.code for g in groups if g.departement}) >= 3
    assert all(g.is_demo for g in groups)
    html = client.get("/groupes/").content.decode()
    assert "Complet — liste d'attente" in html and "places" in html
    assert all(email.endswith(".invalid") for email in Registration.objects.values_list("email", flat=True))
    assert mail.outbox == []  # loading the demo e-mails nobody
    for group in groups:
        group.full_clean()
        assert "démonstration" in client.get(group.get_absolute_url()).content.decode()


# Loading twice changes no row of any table: tests/test_demo.py, test_demo_loader_is_idempotent.
