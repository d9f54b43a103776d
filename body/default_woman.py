"""The bundled default body: the size-M woman of ``assets/size_charts.json``."""

import dataclasses
import functools
import json

from body.body import Body
from fitroom.defaults import DEFAULT_SIZE
from fitroom.files import atomic_path, cache_dir
from fitroom.size_chart import size_measurements_cm

__all__ = ["DEFAULT_BODY_SIZE", "default_body", "default_body_targets"]

# The default body is the woman the default size is cut for.
DEFAULT_BODY_SIZE = DEFAULT_SIZE


def default_body_targets() -> dict[str, float]:
    """Height, chest, waist and hip (cm) of the size-M woman: the chart's height and band centres."""
    centres = size_measurements_cm("women", DEFAULT_BODY_SIZE)
    return {key: centres[key] for key in ("height", "chest", "waist", "hip")}


def default_body() -> Body:
    """The default body: the size-M woman, fitted once by the default female model and cached.

    The fitted betas are kept under ``cache_dir()/bodies`` beside the model they belong to, so
    later calls only rebuild the mesh (about 2 s in a new process, instant within one). Each call
    returns its own copy, free to change.

    Returns
    -------
    Body
        Rest pose, ``source`` ``default``.
    """
    body = _cached_default_body()
    return dataclasses.replace(
        body,
        vertices=body.vertices.copy(),
        faces=body.faces.copy(),
        joints=body.joints.copy(),
        betas=body.betas.copy(),
        pose=body.pose.copy(),
        measurements_cm=dict(body.measurements_cm),
    )


@functools.lru_cache(maxsize=1)
def _cached_default_body() -> Body:
    from body.anny_build import default_model_path
    from body.fit_measurements import body_from_measurements
    from body.model import load_body_model

    model = load_body_model("female")
    betas_file = cache_dir() / "bodies" / f"default_{default_model_path('female').stem}.json"
    if betas_file.exists():
        return model.body(json.loads(betas_file.read_text())["betas"], source="default")
    body = body_from_measurements(default_body_targets(), "female", model)
    with atomic_path(betas_file) as tmp:
        tmp.write_text(json.dumps({"betas": [float(b) for b in body.betas]}))
    body.source = "default"
    return body
