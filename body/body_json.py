"""BODY.json: reading and writing a ``Body`` as the command-line contract describes."""

import json
import os
from pathlib import Path

import numpy as np

from body.body import MEASUREMENT_KEYS, Body
from body.model_errors import BodyFileError
from fitroom.files import atomic_path

__all__ = ["body_from_dict", "load_body_json", "save_body_json"]

_CONTRACT_KEYS = ("model", "gender", "betas", "pose", "measurements_cm", "source")


def body_from_dict(data: dict) -> Body:
    """Rebuild a ``Body`` (mesh and joints included) from a BODY.json dictionary.

    The mesh is made again by the body model the dictionary names (``fitroom-anny`` or a model
    file path), from its betas and pose; the measurements are measured again.

    Raises
    ------
    BodyFileError
        A contract key is missing or the pose is not 72 numbers.
    """
    from body.model import DEFAULT_MODEL_NAME, load_body_model

    missing = [key for key in _CONTRACT_KEYS if key not in data]
    if missing:
        raise BodyFileError(f"The body file lacks {', '.join(missing)}; write it with `fitroom body`.")
    pose = np.asarray(data["pose"], dtype=np.float32)
    if pose.shape != (72,):
        raise BodyFileError(
            f"The body file's pose has {pose.size} numbers; SMPL pose has 72 (24 joints x 3)."
        )
    model_path = None if data["model"] == DEFAULT_MODEL_NAME else data["model"]
    model = load_body_model(data["gender"], model_path)
    return model.body(np.asarray(data["betas"], dtype=np.float32), pose, source=str(data["source"]))


def load_body_json(path: str | os.PathLike) -> Body:
    """Read BODY.json and rebuild its ``Body``.

    Raises
    ------
    BodyFileError
        The file is missing, is not JSON, or lacks a contract key.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError as error:
        raise BodyFileError(f"Body file {path} does not exist; make one with `fitroom body`.") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BodyFileError(
            f"Body file {path} is not readable JSON ({error}); make one with `fitroom body`."
        ) from error
    if not isinstance(data, dict):
        raise BodyFileError(f"Body file {path} does not hold a JSON object; make one with `fitroom body`.")
    return body_from_dict(data)


def save_body_json(body: Body, path: str | os.PathLike) -> None:
    """Write ``body`` as BODY.json, whole or not at all.

    The file holds ``Body.to_dict()``: model, gender, betas, pose (72), measurements_cm (at least
    ``MEASUREMENT_KEYS``) and source.
    """
    data = body.to_dict()
    missing = [key for key in MEASUREMENT_KEYS if key not in data["measurements_cm"]]
    if missing:
        raise BodyFileError(f"The body has no {', '.join(missing)} measurement; measure it before saving.")
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2) + "\n")
