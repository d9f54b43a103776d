"""The verdict on a drape: ``ok``, or ``failed`` with each reason in words a designer can act on.

Like GarmentCodeData's simulation checks (a drape that did not reach static equilibrium or that
intersects the body is rejected) and CLO's refusal to fit a garment that fell off, a size whose drape
failed is shown with its reasons and never recommended (:func:`viewer.fit_report.recommend_size`).

The thresholds sit well clear of what good drapes show: on the bundled patterns in S-XL on the
chart bodies, settled drapes keep under 0.5 % of the cloth inside the skin, seams within about 1 mm
and their largest face strain under about 160 %; the failures of the field test (fallen skirts,
crumpled hoods, gaping seams on heavy bodies) read 300 % to 1,900 % on some faces and seams 5 to
25 mm open.
"""

import numpy as np

__all__ = [
    "drape_verdict",
    "SEAM_OPEN_MM",
    "INSIDE_BODY_LIMIT_PCT",
    "OVERSTRETCH_PCT",
    "OVERSTRETCH_AREA_PCT",
    "FLOOR_SHARE",
    "SLID_DOWN_M",
    "SLID_OFF_DROP_M",
    "SELF_INTERSECTION_SHARE",
]

# A seam open by more than this is visibly gaping.
SEAM_OPEN_MM = 3.0
INSIDE_BODY_LIMIT_PCT = 1.0
# No garment fabric, woven or knit, is worn stretched to twice its length.
OVERSTRETCH_PCT = 200.0
OVERSTRETCH_AREA_PCT = 0.5
# Cloth within this height of the floor lies on it.
FLOOR_BAND_M = 0.02
FLOOR_SHARE = 0.02
# The top of the garment dropping this far below where it was placed means it slid down the body.
SLID_DOWN_M = 0.10
# A garment that lost a girth slid off it when its top came down at least this far (tops settle onto
# the shoulders by about a centimetre from where they are placed).
SLID_OFF_DROP_M = 0.03
# Intersecting pairs per face of the garment. Good drapes of the bundled T-shirt, tank top, skirt and
# shirt dress on the default body (1.5-3 cm meshes) show 0 to 14 pairs, at most 0.2 % of their faces;
# trouser legs pressed together between heavy thighs, which look right, up to 3.5 % (the two layers
# cross between vertices there: vertex-face contact alone does not stop that); a heap of fallen cloth
# or a garment sewn across the body 30 % to 500 %.
SELF_INTERSECTION_SHARE = 0.05


def _vertex_panels(garment) -> np.ndarray:
    """(V,) int: the panel each vertex belongs to."""
    panels = np.zeros(garment.vertex_count, np.int64)
    panels[garment.faces.ravel()] = np.repeat(garment.face_panel, 3)
    return panels


def _open_seams(garment, positions: np.ndarray) -> list[str]:
    """Each pair of panels whose seam is open by more than ``SEAM_OPEN_MM``, widest first."""
    if len(garment.stitches) == 0:
        return []
    gaps_mm = 1000.0 * np.linalg.norm(
        positions[garment.stitches[:, 0]] - positions[garment.stitches[:, 1]], axis=1
    )
    panels = _vertex_panels(garment)[garment.stitches]
    widest = {}
    for (a, b), gap in zip(np.sort(panels, axis=1), gaps_mm, strict=True):
        if gap > SEAM_OPEN_MM and gap > widest.get((a, b), 0.0):
            widest[(a, b)] = gap
    names = garment.panel_names
    return [
        f"the seam of {names[a]} and {names[b]} is open {gap:.0f} mm"
        if a != b
        else f"a seam within {names[a]} is open {gap:.0f} mm"
        for (a, b), gap in sorted(widest.items(), key=lambda item: -item[1])
    ]


def _self_intersections(garment, pairs) -> list[str]:
    """The cloth passing through itself, naming the panel most of it is in; empty when within bounds."""
    if pairs is None or len(pairs) <= SELF_INTERSECTION_SHARE * len(garment.faces):
        return []
    panels = np.bincount(garment.face_panel[np.ravel(pairs)], minlength=len(garment.panel_names))
    worst = garment.panel_names[int(panels.argmax())]
    return [f"it passes through itself in {len(pairs)} places, most in {worst}"]


def drape_verdict(garment, result, girths: dict[str, dict]) -> tuple[str, list[str]]:
    """Judge one draped size.

    Parameters
    ----------
    garment : garments.Garment
        Its placed ``positions`` (V, 3) m, ``faces``, ``face_panel``, ``panel_names``, ``stitches``.
    result : sim.DrapeResult
        Its positions, strain, seams, settling and ``floor_height_m`` (the floor it was draped over).
    girths : dict
        ``girths`` of :func:`viewer.girth_fit.girth_fit`: name -> {``covered``, ``measured``, ...}; the
        waist of a garment worn from the waist also has ``below_hip``.

    Returns
    -------
    verdict : str
        ``ok`` or ``failed``.
    reasons : list[str]
        Why it failed, each a phrase naming where; empty when ``ok``.
    """
    positions = np.asarray(result.positions)
    reasons = []
    if result.dropped_frames:
        reasons.append(
            f"it blew up in {result.dropped_frames} frames that even 8x the substeps could not fix"
        )
    if not result.settled:
        reasons.append(f"it did not come to rest in {result.frames} frames")
    if result.penetration_pct > INSIDE_BODY_LIMIT_PCT:
        reasons.append(f"{result.penetration_pct:.1f} % of the cloth is inside the body")
    reasons += _open_seams(garment, positions)
    reasons += _self_intersections(garment, result.self_intersecting_faces)
    area = np.asarray(result.face_area_m2, np.float64)
    stretched = np.asarray(result.strain_pct) > OVERSTRETCH_PCT
    stretched_pct = 100.0 * area[stretched].sum() / area.sum()
    if stretched_pct > OVERSTRETCH_AREA_PCT:
        reasons.append(
            f"{stretched_pct:.1f} % of the cloth is stretched beyond {OVERSTRETCH_PCT:.0f} % "
            f"(up to {float(np.max(result.strain_pct)):.0f} %), more than any fabric gives"
        )
    worn_from_waist = "below_hip" in girths.get("waist", {})
    placed_top = float(np.percentile(np.asarray(garment.positions)[:, 1], 98))
    top = float(np.percentile(positions[:, 1], 98))
    # A girth the cloth no longer goes round has been slid off only if the garment came down: a loose
    # dress hanging from the shoulders may simply not close round the chest (deep armholes), which
    # leaves the chest unmeasured (and the size unrecommended) but is no failed drape.
    lost = [
        name
        for name, girth in girths.items()
        if girth["covered"] and not girth["measured"] and not girth["rode_up"]
    ]
    if placed_top - top < SLID_OFF_DROP_M:
        lost = []
    if worn_from_waist and girths["waist"]["below_hip"]:
        reasons.append("it slid off: its waistband fell below the hip")
        lost = lost or ["waist"]
    elif lost:
        reasons.append(f"it slid off: it no longer goes round the body at the {' and '.join(lost)}")
    on_floor = float(np.mean(positions[:, 1] < result.floor_height_m + FLOOR_BAND_M))
    if on_floor > FLOOR_SHARE:
        reasons.append(f"{100.0 * on_floor:.0f} % of it lies on the floor")
    # A garment worn from the waist may slide down to the hips; its waistband says whether it slid off.
    if placed_top - top > SLID_DOWN_M and not lost and not worn_from_waist:
        reasons.append(f"it slid {100.0 * (placed_top - top):.0f} cm down the body from where it was placed")
    return ("failed" if reasons else "ok"), reasons
