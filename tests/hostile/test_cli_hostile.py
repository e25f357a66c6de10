"""The command line refuses nonsense in French: identical start and finish, numbers taken for
places, argparse's own messages."""

from __future__ import annotations

import pytest
from layer_factory import at, ladder

from app.cli import main
from routes.errors import RouteRequestError, UnknownPlaceError
from routes.network.model import network_from_layers
from routes.network.places import Gazetteer, Place
from routes.search.routing import Router

ENGLISH = ("usage:", "error:", "show this help", "required", "invalid choice", "arguments are",
           "unrecognized", "positional arguments", "Traceback")


@pytest.fixture(scope="module")
def router() -> Router:
    return Router(network_from_layers(ladder(), name="échelle"))


def test_identical_start_and_finish_is_refused(router: Router) -> None:
    with pytest.raises(RouteRequestError, match="Départ et arrivée identiques"):
        router.route([at(0, 0), at(0, 0)], "trail")


def test_a_loop_through_a_via_is_accepted(router: Router) -> None:
    route = router.route([at(0, 0), at(3000, 0), at(0, 0)], "trail")
    assert route.length_m > 5000


def test_the_cli_refuses_the_same_terril_twice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "--from", "T074", "--to", "T074"]) == 1
    err = capsys.readouterr().err
    assert "Départ et arrivée identiques" in err and "--via" in err


@pytest.mark.parametrize("query", ["-1", "1", "=1", "+33", "9", "0.5"])
def test_numbers_are_not_places(query: str) -> None:
    gazetteer = Gazetteer([
        Place("T001", "Terril de la fosse 1 de Bruay", "terril", 2.55, 50.48),
        Place("pole:9-9bis", "Site du 9-9bis", "pole", 2.99, 50.46),
        Place("commune:62637", "Oignies", "commune", 2.99, 50.47),
    ])
    with pytest.raises(UnknownPlaceError):
        gazetteer.resolve(query)
    assert gazetteer.resolve("fosse 1 bruay").key == "T001"
    assert gazetteer.resolve("9-9bis").key == "pole:9-9bis"


def test_from_minus_one_is_not_a_terril(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "--from=-1", "--to", "T074"]) == 1
    assert "Lieu inconnu : « -1 »" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["--help"], ["route", "--help"], ["budget", "import", "--help"],
    ["route"], ["route", "--from", "T074", "--to", "T075", "--profile", "fusée"],
    ["loop", "--start", "T074", "--length", "dix"], ["volez"], ["new", "--template"],
    ["budget", "show", "--nimporte", "p.cavalier"],
    ["plan", "p.cavalier", "--format", "x", "--from", "a", "--to", "b", "--marshals", "trois"],
])
def test_argparse_speaks_french(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    out, err = capsys.readouterr()
    text = out + err
    assert "utilisation : " in text
    assert not [w for w in ENGLISH if w in text], text
    if caught.value.code:
        assert "erreur : " in err
