import numpy as np
import pytest

from body import default_body
from sim.girth_stop import BAND_STRETCH, GirthStop
from sim.waistline_limit import WaistlineLoop


def _loop(longest: float) -> WaistlineLoop:
    return WaistlineLoop(np.arange(4, dtype=np.int32), np.zeros((4, 2), np.int32), np.full(4, -1), longest)


# A trunk 70 cm round at its waist (1.0 m up), widening by 1 cm every centimetre down to 100 cm at
# 0.7 m, and above the waist by 1 cm every 2 cm; the legs part below 0.68 m.
_HEIGHTS = np.round(np.arange(1.1, 0.65, -0.01), 4)
_GIRTHS = np.where(_HEIGHTS >= 1.0, 0.70 + 0.5 * (_HEIGHTS - 1.0), 0.70 + (1.0 - _HEIGHTS))
_GIRTHS = np.where(_HEIGHTS < 0.685, np.nan, np.minimum(_GIRTHS, 1.0))
_CONTACT_M = 0.004


def _stop(longest: float) -> GirthStop:
    return GirthStop.of_body(_loop(longest), np.column_stack([_HEIGHTS, _GIRTHS]), _CONTACT_M)


def test_a_loop_stops_where_the_body_below_the_waist_is_as_wide_round_as_the_loop_is_long():
    offset = 2.0 * np.pi * _CONTACT_M
    # A band 85 cm long (stretched a little) round the skin's offset: the trunk is that long less the
    # offset 1 cm below the waist for every centimetre it is longer than 70 cm.
    reach = 0.85 * (1.0 + BAND_STRETCH) - offset
    assert _stop(0.85).lowest(0.85) == pytest.approx(1.0 - (reach - 0.70), abs=1e-9)
    # Tighter than the waist: it sinks only as far as it stretches that little more; larger than the
    # hips: nothing holds it.
    tight_reach = (0.70 + offset) * (1.0 + BAND_STRETCH) - offset
    assert _stop(0.60).lowest(0.60) == pytest.approx(1.0 - (tight_reach - 0.70), abs=1e-9)
    assert _stop(1.10).lowest(1.10) is None


def test_the_rows_may_come_in_any_order():
    rows = np.column_stack([_HEIGHTS, _GIRTHS])[::-1]
    assert GirthStop.of_body(_loop(0.9), rows, _CONTACT_M).lowest(0.9) == _stop(0.9).lowest(0.9)


@pytest.mark.slow
def test_a_skirt_two_sizes_up_stays_on_the_hips_it_cannot_pass():
    # The XL's band (99 cm) is loose at the default body's waist (78 cm) and smaller than its hips
    # (101 cm). Limited as a loop, it still went over them 3.7 % longer than its limit (contact
    # pushed it out every substep) and fell to the floor.
    from viewer.ring_heights import ring_heights
    from viewer.size_drape import drape_size

    body = default_body()
    heights = ring_heights(body)
    drape = drape_size(body, "skirt", "XL", device="cpu")
    assert drape.summary["verdict"] == "ok", drape.summary["verdict_reasons"]
    assert drape.result.positions[:, 1].max() > heights["hip"] + 0.05
    waist = drape.summary["girths"]["waist"]
    assert waist["measured"] and not waist["below_hip"]
