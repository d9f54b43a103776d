"""BODY.json: reading and writing a ``Body`` as the command-line contract describes."""

import json
import os
from pathlib import Path

import numpy as np

from body.body import MEASUREMENT_KEYS, Body
from body.body_schema import body_spec
from body.model_errors import BodyFileError
from fitroom.files import atomic_path

__all__ = ["body_from_dict", "load_body_json", "read_body_document", "save_body_json"]

_CONTRACT_KEYS = ("model", "gender", "betas", "pose", "measurements_cm", "source")


def body_from_dict(data, where: str = "The body file") -> Body:
    """Rebuild a ``Body`` (mesh and joints included) from a BODY.json dictionary.

    The dictionary is checked against :class:`body.body_schema.BodySpec` first; the mesh is then made
    again by the body model it names (``fitroom-anny`` or a model file path), from its betas and pose;
    the measurements are measured again.

    Raises
    ------
    BodyFileError
        A contract key is missing or has a value it cannot have (named with the value).
    """
    from body.model import DEFAULT_MODEL_NAME, load_body_model

    if isinstance(data, dict):
        missing = [key for key in _CONTRACT_KEYS if key not in data]
        if missing:
            raise BodyFileError(f"{where} lacks {', '.join(missing)}; write it with `fitroom body`.")
    spec = body_spec(data, where)
    model_path = None if spec.model == DEFAULT_MODEL_NAME else spec.model
    model = load_body_model(spec.gender, model_path)
    betas, pose = np.asarray(spec.betas, dtype=np.float32), np.asarray(spec.pose, np.float32)
    body = model.body(betas, pose, spec.source)
    body.appearance = None if spec.appearance is None else spec.appearance.model_dump()
    return body


def load_body_json(path: str | os.PathLike) -> Body:
    """Read BODY.json and rebuild its ``Body``.

    Raises
    ------
    BodyFileError
        The file is missing, is not JSON, or lacks a contract key.
    """
    return body_from_dict(read_body_document(path), f"Body file {path}")


def read_body_document(path: str | os.PathLike) -> dict:
    """The parsed JSON object of BODY.json at ``path``, not yet checked against the schema.

    Raises
    ------
    BodyFileError
        The file is missing, a folder, not UTF-8, not JSON, or not a JSON object.
    """
    path = Path(path)
    if path.is_dir():
        raise BodyFileError(f"Body file {path} is a folder; give the BODY.json that `fitroom body` wrote.")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise BodyFileError(f"Body file {path} does not exist; make one with `fitroom body`.") from None
    except UnicodeDecodeError as error:
        raise BodyFileError(
            f"Body file {path} is not UTF-8 text (byte {error.start}); make one with `fitroom body`."
        ) from None
    except (OSError, json.JSONDecodeError, RecursionError) as error:
        raise BodyFileError(
            f"Body file {path} is not readable JSON ({error.__class__.__name__}); make one with "
            "`fitroom body`."
        ) from None
    if not isinstance(data, dict):
        raise BodyFileError(f"Body file {path} does not hold a JSON object; make one with `fitroom body`.")
    return data


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
