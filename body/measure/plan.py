"""Where each measurement is taken on one mesh: the plan :mod:`body.measure.definitions` makes and
:mod:`body.measure.evaluation` (and :mod:`body.measure_torch`) evaluates."""

from dataclasses import dataclass

import scipy.sparse

__all__ = ["MeasurementPlan"]


@dataclass
class MeasurementPlan:
    """Where each measurement is taken on one mesh topology.

    Attributes
    ----------
    weights : scipy.sparse.csr_matrix, (P, V + 24)
        Each row makes one measurement point from the mesh vertices followed by the 24 joints.
    spans : dict[str, tuple[str, list[tuple[int, int]]]]
        Per measurement: its kind and the rows ``start:stop`` of each of its pieces. Kinds:
        ``largest_loop`` / ``smallest_loop``, the longest / shortest of several closed polylines
        (girths searched over a band of levels keep every level looked at, so that a fit sees the
        girth move from one level to another); ``path``, an open polyline's length; ``rise``, the
        height of the second point above the first.
    """

    weights: scipy.sparse.csr_matrix
    spans: dict[str, tuple[str, list[tuple[int, int]]]]
