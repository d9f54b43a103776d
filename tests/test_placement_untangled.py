"""Placed garments start untangled: no sleeve starts through the bodice it is sewn to, no collar
through itself, no waistband through its skirt.

XPBD self contact keeps apart cloth that starts apart; it cannot take apart cloth that starts crossed,
so a drape that starts with a sleeve through the bodice comes to rest with it still through.
"""

from pathlib import Path

import pytest

from fitroom.size_chart import size_measurements_cm
from garments import load_pattern, mesh_pattern, place_garment
from garments.grading import grade_pattern
from sim.collision.self_intersections import self_intersecting_pairs
from sim.model import Model

SIZES = ("XS", "S", "M", "L", "XL", "XXL")
SLEEVED = ("tshirt", "tshirt_men", "shirt_dress")
GARMENTCODE = Path(__file__).parent / "data" / "patterns" / "garmentcode"
GARMENTCODE_SHIRT = GARMENTCODE / "shirt_mean_specification.json"
# The drape's own mesh size: start crossings show at the drape's resolution.
EDGE_LENGTH = 0.015


def _sleeve_through_bodice(garment) -> list[tuple[str, str]]:
    """(sleeve, bodice) panel names of each intersecting triangle pair of an arm panel and a trunk one."""
    parts = zip(garment.panel_names, garment.panel_parts, strict=True)
    arm = {name for name, part in parts if part.endswith("_arm")}
    return [(a, b) if a in arm else (b, a) for a, b in _crossing_panels(garment) if (a in arm) != (b in arm)]


def _crossing_panels(garment) -> list[tuple[str, str]]:
    """Panel names (a, b) of each pair of the garment's triangles that start through each other."""
    model = Model.from_arrays(
        garment.rest_uv, garment.faces, garment.stitches, garment.grain, garment.face_material,
        garment.materials,
    )  # fmt: skip
    pairs = self_intersecting_pairs(garment.positions, model.faces, model.representative)
    return [(garment.panel_names[a], garment.panel_names[b]) for a, b in garment.face_panel[pairs]]


def _crossings_by_size(pattern, body) -> dict:
    """{size: (count, panel pairs)} of the sizes whose sleeves start through the bodice."""
    found = {}
    for size in SIZES:
        garment = place_garment(mesh_pattern(grade_pattern(pattern, size), EDGE_LENGTH), body)
        crossings = _sleeve_through_bodice(garment)
        if crossings:
            found[size] = len(crossings), sorted(set(crossings))
    return found


_SLEEVES_THROUGH = pytest.mark.xfail(
    strict=True,
    reason="the T-shirt's L and XL sleeves (and the shirt dress's, the GarmentCode shirt's) start through "
    "the bodice at the armhole; moving each sleeve cap onto its armhole fixed that at 1.5 cm but left "
    "3 cm drapes torn or never at rest, and was taken back",
)


@pytest.fixture(scope="module")
def default_body():
    import body

    return body.default_body()


@_SLEEVES_THROUGH
@pytest.mark.parametrize("name", SLEEVED)
def test_sleeves_start_clear_of_the_bodice_in_every_size_on_the_default_body(name, default_body):
    assert _crossings_by_size(load_pattern(name), default_body) == {}


@_SLEEVES_THROUGH
def test_a_garmentcode_shirt_starts_with_its_sleeves_clear_of_the_bodice(default_body):
    garment = place_garment(mesh_pattern(load_pattern(GARMENTCODE_SHIRT), EDGE_LENGTH), default_body)
    assert _sleeve_through_bodice(garment) == []


@pytest.mark.xfail(
    strict=True,
    reason="standing each collar-stand vertex over its own point of the neckline cleared this, but the "
    "T-shirt XL at 1 cm no longer came to rest in 600 frames with it, and it was taken back",
)
def test_a_standing_collar_starts_without_crossing_itself(default_body):
    """The shirt dress's collar stand stood each vertex over its nearest sewn one: columns of
    vertices on one spot, 16 pairs of its triangles through each other in size M."""
    meshed = mesh_pattern(grade_pattern(load_pattern("shirt_dress"), "M"), EDGE_LENGTH)
    garment = place_garment(meshed, default_body)
    assert ("collar_stand", "collar_stand") not in _crossing_panels(garment)


@pytest.mark.xfail(
    strict=True,
    reason="the skirt's waistband and the skirt's top edge are wrapped on one row and zigzag through "
    "each other; starting the band 3 mm higher fixed that, but left the GarmentCode wide trousers' hems "
    "on the floor (2 %), failing their drape, and was taken back",
)
def test_a_waistband_starts_clear_of_the_skirt_it_is_sewn_on(default_body):
    """Waistband and skirt top were wrapped on one row with their vertices at different places along
    it: 16 to 39 pairs of their triangles started through each other in every size."""
    pattern = load_pattern("skirt")
    found = {}
    for size in SIZES:
        garment = place_garment(mesh_pattern(grade_pattern(pattern, size), EDGE_LENGTH), default_body)
        crossings = _crossing_panels(garment)
        if crossings:
            found[size] = len(crossings)
    assert found == {}


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="on chart XL/XXL bodies a tight sleeve still starts through the front at the armpit "
    "(shirt dress in M/L, GarmentCode shirt: 20-70 pairs), where the body leaves no room between arm "
    "and trunk and the cloth pushed out of the body folds",
)
@pytest.mark.parametrize("gender", ["female", "male"])
def test_sleeves_start_clear_of_the_bodice_on_chart_bodies(gender):
    from body import body_from_measurements

    chart = {"female": "women", "male": "men"}[gender]
    found = {}
    for body_size in SIZES:
        body = body_from_measurements(size_measurements_cm(chart, body_size), gender)
        for name in SLEEVED:
            crossings = _crossings_by_size(load_pattern(name), body)
            if crossings:
                found[(body_size, name)] = crossings
        garment = place_garment(mesh_pattern(load_pattern(GARMENTCODE_SHIRT), EDGE_LENGTH), body)
        crossings = _sleeve_through_bodice(garment)
        if crossings:
            found[(body_size, GARMENTCODE_SHIRT.stem)] = len(crossings)
    assert found == {}
