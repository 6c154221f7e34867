import pytest

from tests.factories import AidFactory, ContentFactory, SheetFactory
from tests.helpers.roles import check_editorial_matrix

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [SheetFactory, AidFactory, ContentFactory], ids=["fiche", "aide", "contenu"])
def test_role_matrix(client, people, organisation, factory):
    check_editorial_matrix(client, factory(owner=organisation), people)
