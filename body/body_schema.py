"""The declared schema of BODY.json, checked before any body model is loaded or mesh built.

A document passes when ``model`` and ``source`` are text, ``gender`` is one the models have, ``betas``
are 1-400 finite numbers of at most ``MAX_ABS_BETA``, ``pose`` is 72 finite numbers (SMPL axis-angle,
radians), ``measurements_cm`` maps names to finite centimetres and ``appearance``, when present, holds
``skin_rgb`` (and ``hair_rgb`` or null) as three 0-255 integers. Keys the schema does not name are kept.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from body.model_errors import BodyFileError
from fitroom.schema import Finite, validated

__all__ = ["BodySpec", "body_spec", "MAX_ABS_BETA", "MAX_ABS_POSE_RAD"]

# Shape coefficients are in standard deviations of the model's population: far beyond this is no person.
MAX_ABS_BETA = 50.0
# Each joint rotation is an axis-angle vector; more than a few turns is not a pose.
MAX_ABS_POSE_RAD = 20.0

Beta = Annotated[Finite, Field(ge=-MAX_ABS_BETA, le=MAX_ABS_BETA)]
PoseAngle = Annotated[Finite, Field(ge=-MAX_ABS_POSE_RAD, le=MAX_ABS_POSE_RAD)]
Centimetres = Annotated[Finite, Field(ge=0, le=1000)]
Rgb = Annotated[list[Annotated[int, Field(ge=0, le=255)]], Field(min_length=3, max_length=3)]


class AppearanceSpec(BaseModel):
    """A body's colours from photos (sRGB 0-255)."""

    skin_rgb: Rgb
    hair_rgb: Rgb | None = None


class BodySpec(BaseModel):
    """A whole BODY.json document (the command-line contract's keys)."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(min_length=1)
    gender: Literal["female", "male", "neutral"]
    betas: list[Beta] = Field(min_length=1, max_length=400)
    pose: list[PoseAngle] = Field(min_length=72, max_length=72)
    measurements_cm: dict[str, Centimetres]
    source: str
    appearance: AppearanceSpec | None = None


def body_spec(data: Any, where: str) -> BodySpec:
    """``data`` (a parsed BODY.json document) checked against ``BodySpec``.

    Raises
    ------
    BodyFileError
        Naming the field, the value found and what is allowed.
    """
    return validated(BodySpec, data, f"{where} (write it with `fitroom body`)", BodyFileError)
