"""Heights of the chest, waist and hip girths on a body, where the ease rings are read."""

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
    from body.measure import girth_heights

    heights = girth_heights(body.vertices, body.faces, body.joints)
    return {name: heights[name] for name in RING_NAMES}
