"""Bodies: the smplx body model, fitroom's open default model built from anny, tailor's
measurements, bodies from measurements and from photos.

Public names load their module on first use, so ``import body`` stays cheap (no torch).
"""

import importlib

# Public name -> module that defines it.
_EXPORTS = {
    "Body": "body.body",
    "SMPL_JOINT_NAMES": "body.skeleton",
    "SMPL_PARENTS": "body.skeleton",
    "MEASUREMENT_KEYS": "body.body",
    "BodyModel": "body.model",
    "load_body_model": "body.model",
    "GENDERS": "body.model",
    "body_from_dict": "body.body_json",
    "load_body_json": "body.body_json",
    "save_body_json": "body.body_json",
    "ALL_MEASUREMENT_KEYS": "body.measure",
    "measure_body": "body.measure",
    "body_from_measurements": "body.fit_measurements",
    "default_body": "body.default_woman",
    "BodyFileError": "body.model_errors",
    "BodyModelFileError": "body.model_errors",
    "NoBodyRequestError": "body.model_errors",
    "body_from_photos": "body.photo.estimate",
    "MeasurementRangeError": "body.model_errors",
    "UnknownGenderError": "body.model_errors",
    "UnknownMeasurementError": "body.model_errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'body' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
