"""``body_from_photos``: a front photo (and optionally a side photo) to a ``Body``."""

from pathlib import Path

from body.photo.errors import PhotoHeightError
from body.photo.input import Photo, exif_focal_35mm, load_photo

__all__ = ["body_from_photos", "estimate_from_photos", "assumed_height", "PHOTO_HEIGHT_RANGE_CM"]

# Heights a standing adult can have; anything else is a typo.
PHOTO_HEIGHT_RANGE_CM = (120.0, 230.0)


def body_from_photos(
    front,
    side=None,
    height_cm=None,
    gender="neutral",
    model_path=None,
    overlay_dir=None,
    keep_pose=False,
):
    """Estimate a person's body from a front photo and, better, a side photo.

    Parameters
    ----------
    front : str or Path
        Photo of the person facing the camera, head to feet, arms slightly away from the body.
    side : str or Path, optional
        Photo of the same person turned 90 degrees. It gives the body's depth: chest, waist and hip
        come out about twice as accurate with it.
    height_cm : float, optional
        The person's height; it fixes the scale, which a photo alone cannot. Without it the body is made
        the typical height of its sex (:func:`assumed_height`), and ``source`` says so.
    gender : {"female", "male", "neutral"}
    model_path : str or Path, optional
        A user's SMPL-family model file instead of fitroom's default model.
    overlay_dir : str or Path, optional
        Write ``<photo stem>_fit.png`` here for each photo: the fitted body's outline and keypoints
        over the photo, and on the front one the estimated skin and hair colours.
    keep_pose : bool
        Keep the pose of the front photo; by default the body stands in the model's rest pose.

    Returns
    -------
    Body
        ``source`` is ``"photos: <front name>[, <side name>]"``, followed without a height by
        ``" (no height given: <cm> cm assumed, <how>)"``; ``appearance`` holds the skin and hair colours
        of the front photo.

    Raises
    ------
    PhotoError
        A photo cannot give a body; the message says what photo to take instead.

    Examples
    --------
    >>> body = body_from_photos("front.jpg", "side.jpg", height_cm=172, gender="female", overlay_dir="fit")
    >>> body.source
    'photos: front.jpg, side.jpg'
    """
    photos = [load_photo(front)] + ([] if side is None else [load_photo(side)])
    return estimate_from_photos(
        photos,
        height_cm=height_cm,
        gender=gender,
        model_path=model_path,
        overlay_dir=overlay_dir,
        keep_pose=keep_pose,
        focal_35mm=exif_focal_35mm(front),
    )


def estimate_from_photos(
    photos: list[Photo],
    height_cm=None,
    gender="neutral",
    model_path=None,
    overlay_dir=None,
    keep_pose=False,
    focal_35mm=None,
):
    """``body_from_photos`` on photos already in memory (front first, then optionally side).

    Parameters
    ----------
    photos : list[Photo]
    focal_35mm : float, optional
        35 mm-equivalent focal length of the camera, when known.

    Other parameters are those of :func:`body_from_photos`.
    """
    from body.model import load_body_model
    from body.photo.colours import estimate_appearance
    from body.photo.fit import fit_photos
    from body.photo.landmarks import check_view, detect_person
    from body.photo.overlay import draw_fit_overlay, write_fit_overlay
    from body.photo.targets import photo_targets

    if height_cm is not None and not PHOTO_HEIGHT_RANGE_CM[0] <= height_cm <= PHOTO_HEIGHT_RANGE_CM[1]:
        low, high = PHOTO_HEIGHT_RANGE_CM
        raise PhotoHeightError(
            f"A height of {height_cm:g} cm is not plausible; give the height in cm ({low:g}-{high:g})."
        )
    views = ("front", "side")[: len(photos)]
    detections, targets = [], []
    for photo, view in zip(photos, views, strict=False):
        detection = detect_person(photo.rgb, photo.name)
        check_view(detection, view, photo.name)
        detections.append(detection)
        targets.append(photo_targets(detection, view, photo.name, photo.rgb))
    model = load_body_model(gender, model_path)
    fit = fit_photos(model, targets, None if height_cm is None else height_cm / 100.0, focal_35mm)
    source = "photos: " + ", ".join(photo.name for photo in photos)
    if height_cm is None:
        assumed_cm, how = assumed_height(gender)
        source += f" (no height given: {assumed_cm:.0f} cm assumed, {how})"
    body = model.body(fit.betas, fit.poses[0] if keep_pose else None, source=source)
    body.appearance = estimate_appearance(photos[0].rgb, detections[0])
    if overlay_dir is not None:
        for photo, detection, target, k in zip(photos, detections, targets, range(len(photos)), strict=True):
            picture = draw_fit_overlay(
                photo.rgb,
                fit.vertices_px[k],
                model.faces,
                target.keypoints_px,
                fit.keypoints_px[k],
                detection.mask,
                body.appearance if k == 0 else None,
            )
            write_fit_overlay(Path(overlay_dir) / f"{Path(photo.name).stem}_fit.png", picture)
    return body


def assumed_height(gender: str) -> tuple[float, str]:
    """The height (cm) a body from photos is made without a given height, and how it was chosen.

    Nothing in a photo fixes its scale: a person 10 % taller standing 10 % farther away, photographed
    from 10 % higher, gives the same photo through any lens, so the EXIF focal length does not help
    either. The body is made the typical height of its sex (:func:`body.photo.fit.typical_height_m`).

    Returns
    -------
    height_cm : float
    how : str
        E.g. ``"the typical height of a woman"``.
    """
    from body.photo.fit import typical_height_m

    who = {"female": "a woman", "male": "a man"}.get(gender, "an adult (women's and men's mean)")
    return 100.0 * typical_height_m(gender), f"the typical height of {who}"
