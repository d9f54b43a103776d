"""Differentiable tailor's measurements: a :class:`body.measure.MeasurementPlan` evaluated in torch."""

from body.measure import MeasurementPlan

__all__ = ["measure_plan_torch", "measure_points_torch"]


def measure_points_torch(plan: MeasurementPlan, points) -> dict:
    """Measurements (cm) from the plan's measurement points, as differentiable torch scalars.

    Parameters
    ----------
    plan : MeasurementPlan
    points : (P, 3) tensor
        The plan's measurement points (``plan.weights @ [vertices; joints]``), metres.

    Returns
    -------
    dict[str, tensor]
        One scalar (cm) per measurement of the plan.
    """
    import torch

    measurements = {}
    for name, (kind, pieces) in plan.spans.items():
        if kind == "path":
            (start, stop), *_ = pieces
            chosen = points[start:stop]
            length = torch.linalg.norm(chosen[1:] - chosen[:-1], dim=1).sum()
        elif kind == "rise":
            (start, _), *_ = pieces
            length = points[start + 1, 1] - points[start, 1]
        else:
            loops = _loop_perimeters(points, pieces)
            length = loops.max() if kind == "largest_loop" else loops.min()
        measurements[name] = 100.0 * length
    return measurements


def _loop_perimeters(points, pieces: list[tuple[int, int]]):
    """Horizontal perimeters (L,) of closed polygons, each the rows ``start:stop`` of ``points`` (P, 3)."""
    import numpy as np
    import torch

    rows = np.concatenate([np.arange(start, stop) for start, stop in pieces])
    following = np.concatenate([np.roll(np.arange(start, stop), -1) for start, stop in pieces])
    loop_of_row = np.repeat(np.arange(len(pieces)), [stop - start for start, stop in pieces])
    flat = points[:, [0, 2]]
    sides = torch.linalg.norm(flat[following] - flat[rows], dim=1)
    return torch.zeros(len(pieces), dtype=points.dtype).index_add(0, torch.from_numpy(loop_of_row), sides)


def measure_plan_torch(plan: MeasurementPlan, vertices, joints) -> dict:
    """Measurements (cm) of a mesh as torch scalars, differentiable in ``vertices`` and ``joints``.

    The plan's choices (which cross-section, which hull points) stay fixed; the measurement points
    move with the mesh, so the gradients are those of the measurements near the planned body.

    Parameters
    ----------
    plan : MeasurementPlan
        Made by :func:`body.measure.plan_measurements` on a mesh of the same topology.
    vertices : (V, 3) tensor
        Rest-pose mesh, metres.
    joints : (24, 3) tensor
        SMPL joints of that mesh.
    """
    import numpy as np
    import torch

    weights = plan.weights.tocoo()
    matrix = torch.sparse_coo_tensor(
        torch.from_numpy(np.stack([weights.row, weights.col]).astype(np.int64)),
        torch.tensor(weights.data, dtype=vertices.dtype),
        size=weights.shape,
        check_invariants=False,
    )
    return measure_points_torch(plan, torch.sparse.mm(matrix, torch.cat([vertices, joints])))
