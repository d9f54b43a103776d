"""How hard the fabric is stretched around the body at the chest, waist and hip: where fit is judged."""

import numpy as np

__all__ = ["girth_strain", "GIRTH_BAND_M"]

# Half-height of the band of fabric read at each girth: a tape measure is about 2 cm wide, and a
# band of +-2 cm holds a couple of rows of triangles at the default 1.5 cm mesh.
GIRTH_BAND_M = 0.02


def girth_strain(garment, result, heights: dict[str, float]) -> dict[str, float | None]:
    """Area-weighted mean strain (%) of the torso fabric in a band around each girth height.

    Sleeves and collars are left out: at chest height a sleeve is pulled by the arm, not by the chest.

    Parameters
    ----------
    garment : garments.Garment
        Its ``faces``, ``face_panel`` and ``panel_parts``.
    result : sim.DrapeResult
        Its ``positions`` (V, 3) m, ``strain_pct`` (F,) and ``face_area_m2`` (F,).
    heights : dict[str, float]
        Girth name -> height (y, metres).

    Returns
    -------
    dict[str, float or None]
        Girth name -> mean strain in % (100 = unstretched), None where the garment's torso does not reach.
    """
    torso_panels = [index for index, part in enumerate(garment.panel_parts) if part == "torso"]
    torso = np.isin(garment.face_panel, torso_panels)
    centre_heights = np.asarray(result.positions)[garment.faces][:, :, 1].mean(axis=1)
    strains = {}
    for name, height in heights.items():
        band = torso & (np.abs(centre_heights - height) <= GIRTH_BAND_M)
        area = np.asarray(result.face_area_m2)[band]
        strains[name] = float(np.dot(result.strain_pct[band], area) / area.sum()) if area.sum() > 0 else None
    return strains
