"""Drape one size of a pattern on a body: the join of ``garments`` and ``sim`` that every command uses."""

from dataclasses import dataclass

import numpy as np

from fitroom.defaults import EDGE_LENGTH_M, MAX_FRAMES, substeps_for_edge

__all__ = [
    "SizeDrape",
    "start_drape",
    "drape_size",
    "drape_sizes",
    "judged_summary",
]

# A waistline lowered this far below the hip without the body taking it is let go (it falls).
HOLD_BELOW_HIP_M = 0.05
# Levels at which the body's girth is read below a waistline, m apart.
GIRTH_STEP_M = 0.005


@dataclass
class SizeDrape:
    """One draped size.

    Attributes
    ----------
    size : str
    garment : garments.Garment
        The meshed, placed garment (rest shape, faces, stitches).
    result : sim.DrapeResult
        Final positions and fit metrics.
    summary : dict
        ``result.summary()`` plus :func:`viewer.girth_fit.girth_fit`'s figures (``girth_strain_pct``,
        ``ease_cm``, ``girths``) and the ``verdict`` with its ``verdict_reasons``: the fit.json keys.
    """

    size: str
    garment: object
    result: object
    summary: dict


def start_drape(body, pattern, size, material=None, device="auto", edge_length=EDGE_LENGTH_M, heights=None):
    """Mesh and place ``pattern`` in ``size`` around ``body`` and set up its solver.

    Parameters
    ----------
    body : body.Body
    pattern : garments.Pattern, str or path
        A loaded pattern (as drawn), a bundled pattern name or a pattern file path.
    size : str or None
        A size of the pattern, ``made-to-measure``, or None for the size an ungraded file is drawn in.
    material : str, sim.Material or None
        A material preset, fabric file or Material for every panel, or None for the pattern's own fabrics.
    device : str
        ``cpu``, ``cuda`` or ``auto``.
    edge_length : float
        Target mesh edge length, metres.
    heights : dict, optional
        :func:`viewer.ring_heights.ring_heights` of ``body``, when the caller has them.

    Returns
    -------
    garment : garments.Garment
    drape : sim.Drape
    """
    from garments.make import make_garment
    from garments.waistline import waistline_vertices
    from sim.drape import Drape
    from viewer.ring_heights import ring_heights

    garment = make_garment(pattern, body, size=size, edge_length=edge_length)
    held = waistline_vertices(garment, body)
    lowest = (heights or ring_heights(body))["hip"] - HOLD_BELOW_HIP_M
    materials = list(garment.materials) if material is None else [material] * len(garment.materials)
    drape = Drape(
        body.vertices,
        body.faces,
        garment.rest_uv,
        garment.faces,
        garment.positions,
        garment.stitches,
        garment.grain,
        garment.face_material,
        materials,
        device=device,
        substeps=substeps_for_edge(edge_length),
        hold=held,
        hold_lowest=lowest,
        hold_girths=_girths_below(body, garment.positions[held, 1], lowest),
    )
    return garment, drape


def _girths_below(body, held_heights, lowest: float):
    """The body's trunk girths from a waistline's highest point down to ``lowest`` (m), every
    ``GIRTH_STEP_M``: (N, 2) rows of (height m, girth m), or None without a waistline."""
    from body.measure import torso_girths_m

    if len(held_heights) == 0:
        return None
    heights = np.arange(float(np.max(held_heights)), lowest - GIRTH_STEP_M, -GIRTH_STEP_M)
    return np.column_stack([heights, torso_girths_m(body.vertices, body.faces, body.joints, heights)])


def drape_size(
    body,
    pattern,
    size,
    material=None,
    device="auto",
    edge_length=EDGE_LENGTH_M,
    max_frames=MAX_FRAMES,
    progress=None,
    heights=None,
) -> SizeDrape:
    """Drape one size to rest and measure its fit; see ``start_drape`` for the parameters.

    ``progress`` is a :class:`fitroom.progress.ProgressStep` counting frames, or None.
    """
    from viewer.ring_heights import ring_heights

    heights = heights or ring_heights(body)
    garment, drape = start_drape(body, pattern, size, material, device, edge_length, heights)

    def show(drape):
        progress.update(drape.frames, f"at rest {100.0 * (1.0 - drape.last_moved_share):.0f} %")

    on_frame = None if progress is None else show
    result = drape.run(max_frames=max_frames, ring_heights=heights, on_frame=on_frame)
    drape.close()
    if progress is not None:
        ending = "at rest" if result.settled else "still moving"
        progress.finish(f"{ending} after {result.frames} frames")
    return SizeDrape(garment.size, garment, result, judged_summary(garment, drape, result, body, heights))


def judged_summary(garment, drape, result, body, heights: dict[str, float]) -> dict:
    """The fit.json figures of a drape: ``result.summary()``, the girth fit and the verdict.

    Parameters
    ----------
    garment : garments.Garment
    drape : sim.Drape
        The drape ``result`` came from (its held waistline is where a waistband is read).
    result : sim.DrapeResult
        Counted for self-intersections (``Drape.result(count_intersections=True)``).
    body : body.Body
    heights : dict
        :func:`viewer.ring_heights.ring_heights` of ``body``.
    """
    from viewer.drape_verdict import drape_verdict
    from viewer.girth_fit import girth_fit

    girths = girth_fit(garment, result, body, heights, waistline=drape.hold.vertices)
    verdict, reasons = drape_verdict(garment, result, girths["girths"])
    return result.summary() | girths | {"verdict": verdict, "verdict_reasons": reasons}


def drape_sizes(
    body,
    patterns,
    material=None,
    device="auto",
    edge_length=EDGE_LENGTH_M,
    max_frames=MAX_FRAMES,
    quiet=False,
    heights=None,
    label=None,
) -> list[SizeDrape]:
    """Drape each of ``patterns`` (a pattern in each size, ``garments.Pattern``) in turn, each with its
    progress by frames (see :mod:`fitroom.progress`).

    ``heights`` (:func:`viewer.ring_heights.ring_heights` of ``body``) are measured once when not given;
    ``label`` names the pattern in the progress lines (default: its name).
    """
    from fitroom.progress import Progress
    from viewer.ring_heights import ring_heights

    heights = heights or ring_heights(body)
    drapes = []
    with Progress(enabled=not quiet) as progress:
        for sized in patterns:
            step = progress.step(f"Draping {label or sized.name} size {sized.size}", total=max_frames)
            drapes.append(
                drape_size(body, sized, None, material, device, edge_length, max_frames, step, heights)
            )
    return drapes
