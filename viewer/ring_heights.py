"""Heights of the chest, waist and hip girths on a body, where the ease rings are read."""

import numpy as np

__all__ = ["ring_heights", "RING_NAMES"]

RING_NAMES = ("chest", "waist", "hip")


def ring_heights(body) -> dict[str, float]:
    """The height (metres above the floor) of each of ``RING_NAMES``, as the tape measure takes them.

    Parameters
    ----------
    body : body.Body
        A body standing in its model's rest pose.

    Returns
    -------
    dict[str, float]
        ``chest``, ``waist``, ``hip`` -> y in metres.
    """
    from body.measure import _loop_perimeter, plan_measurements

    plan = plan_measurements(body.vertices, body.faces, body.joints)
    points = plan.weights @ np.concatenate([body.vertices, body.joints]).astype(np.float64)
    heights = {}
    for name in RING_NAMES:
        kind, pieces = plan.spans[name]
        loops = [points[start:stop] for start, stop in pieces]
        perimeters = [_loop_perimeter(loop[:, [0, 2]]) for loop in loops]
        chosen = loops[int(np.argmax(perimeters) if kind == "largest_loop" else np.argmin(perimeters))]
        heights[name] = float(chosen[:, 1].mean())
    return heights
