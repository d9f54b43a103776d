"""The bundled default body: the size-M woman of ``assets/size_charts.json``."""

import functools
import json

from assets import asset_path
from body.body import Body
from fitroom.files import atomic_path, cache_dir

__all__ = ["DEFAULT_BODY_SIZE", "default_body", "default_body_targets"]

DEFAULT_BODY_SIZE = "M"


def default_body_targets() -> dict[str, float]:
    """Height, chest, waist and hip (cm) of the size-M woman: the chart's height and band centres."""
    chart = json.loads(asset_path("size_charts.json").read_text())["women"]
    targets = {"height": float(chart["height"])}
    for key in ("chest", "waist", "hip"):
        low, high = chart[DEFAULT_BODY_SIZE][key]
        targets[key] = (low + high) / 2.0
    return targets


@functools.lru_cache(maxsize=1)
def default_body() -> Body:
    """The default body: the size-M woman, fitted once by the default female model and cached.

    The fitted betas are kept under ``cache_dir()/bodies`` beside the model they belong to, so
    later calls only rebuild the mesh (about 2 s in a new process, instant within one).

    Returns
    -------
    Body
        Rest pose, ``source`` ``default``.
    """
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
