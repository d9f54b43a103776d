"""Heights of the chest, waist and hip girths on a body, where the ease rings are read."""

__all__ = ["ring_heights", "RING_NAMES"]

RING_NAMES = ("chest", "waist", "hip")


def ring_heights(body) -> dict[str, float]:
    """The height (metres above the floor) of each of ``RING_NAMES``, as the tape measure takes them: the
    body's own girth levels (``body.Body.girth_heights``, measured once per body), the same ones garments
    are placed by.

    Parameters
    ----------
    body : body.Body
        A body standing in its model's rest pose.

    Returns
    -------
    dict[str, float]
        ``chest``, ``waist``, ``hip`` -> y in metres.
    """
    heights = body.girth_heights()
    return {name: heights[name] for name in RING_NAMES}
