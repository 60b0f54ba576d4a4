"""The rule of whom to call, on plain values."""

from __future__ import annotations

from dataclasses import dataclass

from verkosto_desktop.domain.whom_to_call import in_call_order, whom_to_call


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    reachable_24_7: bool = False
    is_primary: bool = False


PRIMARY = Person("p", "Aino", is_primary=True)
ALWAYS = Person("a", "Ville", reachable_24_7=True)
OTHER = Person("o", "Bertta")


def test_the_capabilitys_own_contact_comes_first() -> None:
    assert whom_to_call([PRIMARY, ALWAYS, OTHER], own_contact_id="o") == OTHER


def test_an_own_contact_that_is_gone_falls_back_to_the_rule() -> None:
    # Deleted, or of another actor: not among the live contacts given.
    assert whom_to_call([PRIMARY, ALWAYS], own_contact_id="gone") == ALWAYS


def test_reachable_24_7_before_the_primary_contact() -> None:
    assert whom_to_call([PRIMARY, ALWAYS, OTHER]) == ALWAYS
    assert whom_to_call([ALWAYS, PRIMARY]) == ALWAYS  # whatever order the rows come in


def test_the_primary_contact_when_nobody_is_reachable_24_7() -> None:
    assert whom_to_call([OTHER, PRIMARY]) == PRIMARY


def test_ties_go_to_the_primary_then_by_finnish_name_then_id() -> None:
    both = Person("b", "Öhman", reachable_24_7=True, is_primary=True)
    assert whom_to_call([ALWAYS, both]) == both
    # Among equals: Finnish order puts Ä after Z (code points would put "Ä" before "Z").
    zeta = Person("z", "Zacharias", reachable_24_7=True)
    aeta = Person("y", "Ärjä", reachable_24_7=True)
    assert whom_to_call([aeta, zeta]) == zeta
    twin = Person("c", "Ville", reachable_24_7=True)
    assert whom_to_call([ALWAYS, twin]) == ALWAYS  # same name: the smaller id
    assert whom_to_call([]) is None


def test_call_order_lists_the_one_to_call_first() -> None:
    people = [OTHER, PRIMARY, ALWAYS]
    ordered = in_call_order(people)
    assert ordered == [ALWAYS, PRIMARY, OTHER]
    assert ordered[0] == whom_to_call(people)
