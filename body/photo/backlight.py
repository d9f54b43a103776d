"""Photos with the light behind the person: their front in shadow, dark legs against a dark floor.

BlazePose's person mask fails on such photos: it finds nobody, or its mask and landmarks stop at the
shins, so the photo is refused as cut off. Two steps recover the person:

- :func:`equalise_local_contrast` spreads the brightness of each part of the photo over the whole
  range (CLAHE, Zuiderveld 1994, "Contrast limited adaptive histogram equalization", Graphics Gems IV),
  which lifts a shadowed body out of a dark room; BlazePose then finds it;
- :func:`mask_to_the_feet`: even so the mask may stop short of shadowed feet on a dark floor. GrabCut
  (Rother, Kolmogorov and Blake 2004, "GrabCut", SIGGRAPH), started from the mask, learns the colours
  of the person (skin included, from the whole body) and of the room, and adds to the mask below the
  knees the pixels that look like the person.

:func:`body.photo.landmarks.detect_person` uses them only when the photo as taken gives no whole person.
"""

import numpy as np

__all__ = ["equalise_local_contrast", "mask_to_the_feet"]

# CLAHE's limit on each tile's histogram (times its mean count) and its tiles across each side:
# OpenCV's usual settings; they lift shadows without making a plain wall into texture.
_CLAHE_CLIP_LIMIT = 3.0
_CLAHE_TILES = 8
# GrabCut looks this far (fraction of the person's height) round the mask, and below it twice as far:
# a foot is about 15 % of a body's height long (Winter 2009, "Biomechanics and Motor Control of Human
# Movement", segment lengths).
_REACH = 0.15
# Pixels within this fraction of the person's height of the mask may belong to the person.
_MASK_SLACK = 0.03
_GRABCUT_ITERATIONS = 5
# Added strips thinner than this (pixels) are edges in the room, not feet.
_LINE_PX = 5


def equalise_local_contrast(rgb: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8 copy of ``rgb`` with its lightness equalised tile by tile (CLAHE on CIELAB L*),
    colours kept."""
    import cv2

    lab = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2LAB)
    clahe = cv2.createCLAHE(clipLimit=_CLAHE_CLIP_LIMIT, tileGridSize=(_CLAHE_TILES, _CLAHE_TILES))
    lab[..., 0] = clahe.apply(lab[..., 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)


def mask_to_the_feet(rgb: np.ndarray, mask: np.ndarray, knee_y_px: float) -> np.ndarray:
    """The person mask grown below the knees over the pixels whose colours are the person's.

    Parameters
    ----------
    rgb : (H, W, 3) uint8
        The photo (equalised, when the person is in shadow).
    mask : (H, W) float32
        Probability that each pixel is the person; above 0.5 counts.
    knee_y_px : float
        Image row of the higher knee; nothing above it changes.

    Returns
    -------
    (H, W) float32
        ``mask`` with the added pixels at 1.
    """
    import cv2

    person = (mask > 0.5).astype(np.uint8)
    rows, cols = np.nonzero(person)
    height, width = person.shape
    person_height = rows.max() - rows.min() + 1
    reach = int(_REACH * person_height)
    top, bottom = max(rows.min() - reach, 0), min(rows.max() + 2 * reach + 1, height)
    left, right = max(cols.min() - reach, 0), min(cols.max() + reach + 1, width)
    inside = person[top:bottom, left:right]
    knee_row = int(np.clip(round(knee_y_px) - top, 0, bottom - top))

    slack = max(int(_MASK_SLACK * person_height), 3)
    near = cv2.dilate(inside, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * slack + 1,) * 2))
    labels = np.full(inside.shape, cv2.GC_BGD, dtype=np.uint8)
    labels[near > 0] = cv2.GC_PR_BGD
    # Below the mask's bottom, where the feet may be.
    feet_row = max(rows.max() - top - slack, knee_row)
    labels[feet_row:] = cv2.GC_PR_BGD
    labels[:knee_row][labels[:knee_row] == cv2.GC_PR_BGD] = cv2.GC_BGD
    labels[:, :2] = labels[:, -2:] = labels[-2:] = cv2.GC_BGD
    labels[inside > 0] = cv2.GC_PR_FGD
    labels[cv2.erode(inside, np.ones((5, 5), np.uint8)) > 0] = cv2.GC_FGD
    background_model, person_model = np.zeros((1, 65)), np.zeros((1, 65))
    cv2.grabCut(
        np.ascontiguousarray(rgb[top:bottom, left:right]),
        labels,
        None,
        background_model,
        person_model,
        _GRABCUT_ITERATIONS,
        cv2.GC_INIT_WITH_MASK,
    )
    found = ((labels == cv2.GC_FGD) | (labels == cv2.GC_PR_FGD)).astype(np.uint8)
    found[:knee_row] = 0
    # Thin lines along edges in the room (the floor meeting the wall) are not feet.
    found = cv2.morphologyEx(found & (1 - inside), cv2.MORPH_OPEN, np.ones((_LINE_PX,) * 2, np.uint8))
    grown = mask.copy()
    grown[top:bottom, left:right][found > 0] = 1.0
    return grown
