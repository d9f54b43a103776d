"""Fit at the chest, waist and hip girths, where a tailor judges it: strain round the body, girth ease,
and whether the drape can be measured there at all.

A girth is *covered* when the garment as placed goes round the body at that height (a skirt covers the
waist and the hip, not the chest; a tank top with deep armholes may not cover the chest), and
*measured* when, after the drape, the garment still goes round the body there (sleeves count for
going round, an armhole below the chest being no gap, but not for the garment's girth). A covered girth
that is not measured, and that the garment has not simply ridden up above, is a garment that slid off:
the recommendation never rests on it (:mod:`viewer.drape_verdict`).

A garment worn from the waist (a skirt, trousers: :func:`garments.waistline_vertices`) is judged at its
waistband wherever the band came to rest: a band looser than the waist slides down until the body
fills it and is worn there, as real skirts are. Its waist figures are then read at the band, against
the body's own girth at that height, and it has slid off only when the band fell below the hip.
"""

import numpy as np

from body.measure import torso_girth_cm
from sim.girth_section import horizontal_section, round_share

__all__ = ["girth_fit", "GIRTH_BAND_M", "GOES_ROUND_SHARE", "COVER_MARGIN_M", "PLACED_ROUND_SHARE"]

# Half-height of the band of fabric read at each girth: a tape measure is about 2 cm wide, and a
# band of +-2 cm holds a couple of rows of triangles at the default 1.5 cm mesh.
GIRTH_BAND_M = 0.02
# A drape goes round the body at a height when its cut passes through at least this share of the
# 10-degree directions round the body's axis (three may be missing: a side seam still closing).
GOES_ROUND_SHARE = 0.9
# A girth is covered when it lies at least this far inside the height range of the garment as placed
# and the garment as placed goes round the body there: its panels, not yet sewn, leave gaps at the
# seams, so a lower share of directions than on the drape will do.
COVER_MARGIN_M = 0.02
PLACED_ROUND_SHARE = 0.75
# Parts that are cut by a girth plane without going round the trunk (a sleeve beside the chest).
_NOT_ROUND_THE_TRUNK = ("left_arm", "right_arm", "neck")
_SPINE = ("pelvis", "spine1", "spine2", "spine3", "neck")
_SAMPLES_PER_SEGMENT = 4


def _faces_except(garment, parts: tuple[str, ...]) -> np.ndarray:
    """(F,) bool: faces of the panels that wrap none of ``parts``."""
    kept = [i for i, part in enumerate(garment.panel_parts) if part not in parts]
    return np.isin(garment.face_panel, kept)


def _body_axis(body, height: float) -> np.ndarray:
    """(2,) x, z of the body's axis at ``height``: the spine's joints (pelvis up to neck) interpolated
    by height, m. (The mean of the body's vertices at that height is not it: the hands hang at hip
    level, and on a heavy body they and the belly pull that mean 30 cm forward.)"""
    chain = np.array([body.joint(name) for name in _SPINE], np.float64)
    order = np.argsort(chain[:, 1])
    ys, chain = chain[order, 1], chain[order]
    return np.array([np.interp(height, ys, chain[:, 0]), np.interp(height, ys, chain[:, 2])])


def _waistband_reading(positions: np.ndarray, waistline: np.ndarray, body) -> tuple[float, float, float]:
    """Where a waistband is worn and how long it is: a tape laid along the band, not a level cut (a
    band caught on the hips tilts).

    Returns
    -------
    height_m : float
        Median height of the waistline, m.
    length_m : float
        Length of the waistline taken round the body in order of direction, m.
    round_share : float
        Share of the ``SECTION_SECTORS`` directions round the body's axis that the band passes.
    """
    points = positions[waistline]
    height = float(np.median(points[:, 1]))
    axis = _body_axis(body, height)
    angles = np.arctan2(points[:, 2] - axis[1], points[:, 0] - axis[0])
    ring = points[np.argsort(angles)]
    following = np.roll(ring, -1, axis=0)
    length = float(np.linalg.norm(following - ring, axis=1).sum())
    # Directions are read along the band between its vertices, so a coarse mesh leaves no gaps.
    along = np.linspace(0.0, 1.0, _SAMPLES_PER_SEGMENT, endpoint=False)
    samples = (ring[:, None, :] + along[None, :, None] * (following - ring)[:, None, :]).reshape(-1, 3)
    return height, length, round_share(samples[:, [0, 2]], axis)


def girth_fit(
    garment, result, body, heights: dict[str, float], waistline: np.ndarray | None = None
) -> dict[str, dict]:
    """Strain, girth ease and measurability of the drape at each girth.

    Parameters
    ----------
    garment : garments.Garment
        Its ``faces``, ``face_panel``, ``panel_parts`` and placed ``positions`` (V, 3) m.
    result : sim.DrapeResult
        Its ``positions`` (V, 3) m, ``strain_pct`` (F,) and ``face_area_m2`` (F,).
    body : body.Body
        Its ``vertices`` (Vb, 3) m and ``measurements_cm`` (the girths, cm).
    heights : dict[str, float]
        Girth name -> height (y, m) where the body's girth was measured.
    waistline : (W,) int, optional
        The waistline of a garment worn from the waist (the vertices the drape held while it settled).

    Returns
    -------
    dict
        ``girth_strain_pct`` {name: %} (area-weighted mean strain of the trunk fabric in a +-2 cm band;
        at a waistband, of the faces along its top), ``ease_cm`` {name: cm} (the garment's girth, the
        length of its horizontal cut round the body or of its waistband, minus the body's girth
        there), each None where the girth is not measured; and ``girths`` {name:
        {``covered``, ``measured``, ``garment_girth_cm``, ``round_share``, ``rode_up`` (the garment now
        ends above it), ``height_m`` (where it was read), ``worn_below_cm`` (how far below the body's
        girth that is) and, for the waist of a garment worn from the waist, ``below_hip`` (its band fell
        below the hip)}}.
    """
    trunk = _faces_except(garment, _NOT_ROUND_THE_TRUNK)
    faces = garment.faces[trunk]
    # Sleeves count for going round the body (an armhole below the chest is no gap); collars do not.
    wrapping = _faces_except(garment, ("neck",))
    placed_heights = np.asarray(garment.positions)[np.unique(faces), 1]
    positions = np.asarray(result.positions)
    trunk_bottom = float(positions[np.unique(faces), 1].min()) if len(faces) else 0.0
    centre_heights = positions[faces][:, :, 1].mean(axis=1)
    area = np.asarray(result.face_area_m2)[trunk]
    strain = np.asarray(result.strain_pct)[trunk]
    figures = {"girth_strain_pct": {}, "ease_cm": {}, "girths": {}}
    waistline = np.asarray([] if waistline is None else waistline, np.int64)
    for name, girth_height in heights.items():
        placed_axis = _body_axis(body, girth_height)
        reached = bool(
            len(placed_heights)
            and placed_heights.min() + COVER_MARGIN_M <= girth_height <= placed_heights.max() - COVER_MARGIN_M
        )
        covered = (
            reached
            and horizontal_section(garment.positions, faces, girth_height, placed_axis)[1]
            >= PLACED_ROUND_SHARE
        )
        at_waistband = name == "waist" and len(waistline) > 0
        if at_waistband:
            height, length_m, share = _waistband_reading(positions, waistline, body)
            band = np.isin(faces, waistline).any(axis=1)
            body_girth = torso_girth_cm(body.vertices, body.faces, body.joints, height)
        else:
            height, axis = girth_height, placed_axis
            length_m, _ = horizontal_section(positions, faces, height, axis)
            share = horizontal_section(positions, garment.faces[wrapping], height, axis)[1]
            band = np.abs(centre_heights - height) <= GIRTH_BAND_M
            body_girth = body.measurements_cm.get(name)
        below_hip = at_waistband and "hip" in heights and height < heights["hip"]
        # A waistband below the hip goes round the legs, or lies on the floor: not round the waist.
        measured = share >= GOES_ROUND_SHARE and not below_hip
        strain_pct = (
            float(np.dot(strain[band], area[band]) / area[band].sum()) if measured and band.any() else None
        )
        ease = 100.0 * length_m - body_girth if measured and body_girth is not None else None
        figures["girth_strain_pct"][name] = strain_pct
        figures["ease_cm"][name] = None if ease is None else round(float(ease), 2)
        figures["girths"][name] = {
            "covered": covered,
            "measured": bool(measured),
            "garment_girth_cm": round(100.0 * length_m, 2) if measured else None,
            "round_share": round(share, 3),
            "rode_up": bool(height < trunk_bottom + COVER_MARGIN_M),
            "height_m": round(float(height), 4),
            "worn_below_cm": round(100.0 * float(girth_height - height), 1),
        }
        if at_waistband:
            figures["girths"][name]["below_hip"] = bool(below_hip)
    return figures
