"""The permission matrix for letters: role × relation to the letter × status × action, and the
list filter agrees with it."""

import pytest

from governance.constants import Role
from governance.letters.constants import LetterStatus
from governance.letters.permissions import (
    drafting_municipalities,
    letter_permissions,
    letters_in_bin_q,
    letters_visible_q,
    may_create_letters,
)
from governance.models import Letter
from tests.governance.factories import MunicipalityFactory, RegionFactory, UserFactory
from tests.governance.letter_factories import LetterFactory, regional_letter, user_with_role

pytestmark = pytest.mark.django_db

ACTIONS = ("view", "edit", "approve", "reopen", "issue", "correct", "delete", "restore", "copy")
DRAFT, APPROVED, ISSUED = LetterStatus.DRAFT, LetterStatus.APPROVED, LetterStatus.ISSUED

# (actor, status) -> allowed actions, for a public letter to Dordrecht.
MATRIX = {
    ("admin", DRAFT): {"view", "edit", "approve", "delete", "copy"},
    ("admin", APPROVED): {"view", "reopen", "issue", "copy"},
    ("admin", ISSUED): {"view", "correct", "copy"},
    ("griffie-dordrecht", DRAFT): {"view", "edit", "approve", "delete", "copy"},
    ("griffie-dordrecht", APPROVED): {"view", "reopen", "issue", "copy"},
    ("griffie-dordrecht", ISSUED): {"view", "correct", "copy"},
    ("griffie-gorinchem", DRAFT): set(),
    ("griffie-gorinchem", APPROVED): set(),
    ("griffie-gorinchem", ISSUED): {"view"},
    # An adviser of another municipality reads the griffie's concept, and neither rewrites nor
    # deletes it; a copy of it is the adviser's own.
    ("adviser-region", DRAFT): {"view", "copy"},
    ("adviser-region", APPROVED): {"view", "copy"},
    ("adviser-region", ISSUED): {"view", "copy"},
    ("adviser-elsewhere", DRAFT): set(),
    ("adviser-elsewhere", APPROVED): set(),
    ("adviser-elsewhere", ISSUED): {"view"},
    ("netwerk-mt", DRAFT): set(),
    ("netwerk-mt", APPROVED): set(),
    ("netwerk-mt", ISSUED): {"view"},
    ("no-role", DRAFT): set(),
    ("no-role", APPROVED): set(),
    ("no-role", ISSUED): {"view"},
}


class Actors(dict):
    """Users made on first use (hashing a password is slow)."""

    def __init__(self, municipalities):
        super().__init__()
        self.municipalities = municipalities

    def __missing__(self, actor):
        dordrecht, gorinchem, elsewhere = self.municipalities
        make = {
            "admin": lambda: user_with_role(Role.FUNCTIONAL_ADMIN, region=dordrecht.region),
            "griffie-dordrecht": lambda: user_with_role(Role.GRIFFIE, municipality=dordrecht),
            "griffie-gorinchem": lambda: user_with_role(Role.GRIFFIE, municipality=gorinchem),
            "adviser-region": lambda: user_with_role(Role.POLICY_ADVISER, municipality=gorinchem),
            "adviser-elsewhere": lambda: user_with_role(
                Role.POLICY_ADVISER, municipality=elsewhere
            ),
            "netwerk-mt": lambda: user_with_role(Role.NETWORK_MT, municipality=dordrecht),
            "no-role": lambda: UserFactory(password=None),
        }[actor]
        self[actor] = make()
        return self[actor]


@pytest.fixture
def world():
    region = RegionFactory()
    dordrecht = MunicipalityFactory(region=region, name="Dordrecht")
    gorinchem = MunicipalityFactory(region=region, name="Gorinchem")
    elsewhere = MunicipalityFactory(name="Elders")
    return {
        "dordrecht": dordrecht,
        "gorinchem": gorinchem,
        "actors": Actors((dordrecht, gorinchem, elsewhere)),
    }


def _letter(status, municipality, **kwargs):
    extra = {"issued_at": "2021-04-20T10:00Z"} if status == ISSUED else {}
    return LetterFactory(status=status, municipality=municipality, **extra, **kwargs)


def _allowed(user, letter):
    permissions = letter_permissions(user, letter)
    return {action for action in ACTIONS if getattr(permissions, action)}


def _listed(user, letter):
    return Letter.objects.filter(letters_visible_q(user), pk=letter.pk).exists()


@pytest.mark.parametrize(("actor", "status"), list(MATRIX))
def test_permission_matrix(world, actor, status):
    user = world["actors"][actor]
    letter = _letter(status, world["dordrecht"])
    assert _allowed(user, letter) == MATRIX[(actor, status)]
    assert _listed(user, letter) == ("view" in MATRIX[(actor, status)])


@pytest.mark.parametrize(
    "actor", ["griffie-gorinchem", "adviser-elsewhere", "netwerk-mt", "no-role"]
)
def test_a_non_public_issued_letter_is_hidden_from_outsiders(world, actor):
    letter = _letter(ISSUED, world["dordrecht"], is_public=False)
    assert _allowed(world["actors"][actor], letter) == set()
    assert not _listed(world["actors"][actor], letter)


@pytest.mark.parametrize("actor", ["admin", "griffie-dordrecht", "adviser-region"])
def test_a_non_public_issued_letter_is_seen_by_insiders(world, actor):
    letter = _letter(ISSUED, world["dordrecht"], is_public=False)
    assert "view" in _allowed(world["actors"][actor], letter)
    assert _listed(world["actors"][actor], letter)


def test_a_regional_letter_is_seen_by_each_addressed_griffie_but_issued_by_none(world):
    letter = regional_letter(
        municipalities=[world["dordrecht"], world["gorinchem"]], status=APPROVED
    )
    for actor in ("griffie-dordrecht", "griffie-gorinchem"):
        assert _allowed(world["actors"][actor], letter) == {"view"}
        assert _listed(world["actors"][actor], letter)
    assert _allowed(world["actors"]["admin"], letter) == {"view", "reopen", "issue", "copy"}


def test_an_adviser_edits_and_deletes_the_concepts_they_wrote(world):
    adviser = world["actors"]["adviser-region"]
    letter = _letter(DRAFT, world["dordrecht"], created_by=adviser)
    assert _allowed(adviser, letter) == {"view", "edit", "delete", "copy"}
    letter.status = APPROVED
    assert _allowed(adviser, letter) == {"view", "copy"}


# (actor, is the author) -> allowed actions on a deleted concept to Dordrecht (in the bin).
BIN = {
    "admin": {"view", "restore"},
    "griffie-dordrecht": {"view", "restore"},
    "griffie-gorinchem": set(),
    "adviser-region": set(),
    "netwerk-mt": set(),
}


@pytest.mark.parametrize("actor", list(BIN))
def test_a_deleted_concept_is_restored_by_who_may_delete_it(world, actor):
    letter = _letter(DRAFT, world["dordrecht"], deleted_at="2026-11-30T10:00Z")
    user = world["actors"][actor]
    assert _allowed(user, letter) == BIN[actor]
    assert not _listed(user, letter)
    in_bin = Letter.objects.filter(letters_in_bin_q(user), pk=letter.pk).exists()
    assert in_bin == ("restore" in BIN[actor])


def test_the_author_restores_their_deleted_concept(world):
    adviser = world["actors"]["adviser-region"]
    letter = _letter(DRAFT, world["dordrecht"], created_by=adviser, deleted_at="2026-11-30T10Z")
    assert _allowed(adviser, letter) == {"view", "restore"}
    assert Letter.objects.filter(letters_in_bin_q(adviser), pk=letter.pk).exists()


def test_a_regional_letter_to_one_council_is_that_griffie_s(world):
    letter = regional_letter(municipalities=[world["dordrecht"]])
    assert _allowed(world["actors"]["griffie-dordrecht"], letter) == {
        "view",
        "edit",
        "approve",
        "delete",
        "copy",
    }


def test_who_may_start_a_letter_and_to_whom(world):
    actors = world["actors"]
    assert list(drafting_municipalities(actors["griffie-dordrecht"])) == [world["dordrecht"]]
    assert set(drafting_municipalities(actors["adviser-region"])) == {
        world["dordrecht"],
        world["gorinchem"],
    }
    assert may_create_letters(actors["admin"])
    assert not may_create_letters(actors["netwerk-mt"])
    assert not may_create_letters(actors["no-role"])
    assert not drafting_municipalities(actors["netwerk-mt"]).exists()
