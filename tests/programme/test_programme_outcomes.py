"""The Ontwikkelagenda 2021 page: its twelve projects, each done or continuing in a named
project of 'Werk voor de Jeugd 2022–2023', linked."""

from django.core.management import call_command
from django.urls import reverse

import pytest

from governance.constants import Role
from governance.models import Region
from programme.models import Project
from tests.governance.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("programme:programme_outcomes", args=["ontwikkelagenda-2021"])


@pytest.fixture
def adviser(client):
    call_command(
        "loaddata", "fixtures/zhz_governance.json", "fixtures/zhz_programme.json", verbosity=0
    )
    user = UserFactory(role=Role.POLICY_ADVISER, region=Region.objects.get(slug="zhz"))
    client.force_login(user)
    return user


def test_the_twelve_projects_with_their_outcomes_and_successors(client, adviser):
    response = client.get(URL)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 12
    assert (response.context["done"], response.context["continues"]) == (3, 9)
    outcome = {row.project.name: row.successor and row.successor.code for row in rows}
    assert outcome["Implementatie governance Jeugd: opvolging AEF"] is None
    assert outcome["Doorontwikkelen Expertteam"] == "2.2.4"
    assert outcome["Passend zorglandschap"] == "2.2.4"
    assert outcome["Leeromgeving perspectiefbenadering"] == "2.1.1"
    content = response.content.decode()
    assert "Ontwikkelagenda 2021" in content
    assert content.count("Afgerond") >= 3 and "Loopt door" in content
    successor = Project.objects.get(code="2.1.3", theme__isnull=False)
    assert f'href="{successor.get_absolute_url()}"' in content


def test_the_successor_links_back_to_the_agenda(client, adviser):
    content = client.get(reverse("programme:project_detail", args=["2.1.1"])).content.decode()
    assert f'href="{URL}"' in content
    successor = client.get(
        reverse("programme:programme_outcomes", args=["werk-voor-de-jeugd-2022-2023"])
    ).content.decode()
    assert f'href="{URL}"' in successor  # volgt op


def test_an_unknown_programme_is_404(client, adviser):
    url = reverse("programme:programme_outcomes", args=["bestaat-niet"])
    assert client.get(url).status_code == 404


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, adviser, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get(URL)
