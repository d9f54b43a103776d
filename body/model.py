"""The body model runtime: betas and SMPL pose in, vertices and joints out, through ``smplx``.

One code path serves fitroom's default model (built from anny, see :mod:`body.anny_build`) and a
user's own SMPL, SMPL-H or SMPL-X file (``--body-model PATH``).
"""

import functools
import pickle
from pathlib import Path

import numpy as np

from body.body import Body
from body.model_errors import BodyModelFileError, UnknownGenderError
from fitroom.defaults import GENDER

__all__ = ["BodyModel", "DEFAULT_MODEL_NAME", "GENDERS", "load_body_model"]

GENDERS = ("female", "male", "neutral")
DEFAULT_MODEL_NAME = "fitroom-anny"

_REQUIRED_KEYS = ("v_template", "shapedirs", "posedirs", "J_regressor", "weights", "kintree_table", "f")
# What fitroom's own model file adds to the SMPL layout.
_EXTRA_KEYS = ("variance_ratio", "range_measurements_cm", "betas_bound")
# Joint count of each layout and, for SMPL-H and SMPL-X, the joints that stand in for SMPL's
# hand joints (22, 23): the left and right middle-finger roots.
_LAYOUT_BY_JOINT_COUNT = {24: "smpl", 52: "smplh", 55: "smplx"}
_SMPL_JOINTS_OF_LAYOUT = {
    "smpl": list(range(24)),
    "smplh": list(range(22)) + [25, 40],
    "smplx": list(range(22)) + [28, 43],
}
# smplx's own landmark vertex ids fit the official topologies.
_OFFICIAL_VERTEX_COUNTS = {6890: "smplh", 10475: "smplx"}
# How far along each shape component a user's model is taken to find its range of measurements.
_USER_MODEL_RANGE_SIGMA = 3.0
# smplx silently uses at most 10 shape components unless shapedirs holds this many.
_SMPLX_SHAPE_SPACE = 300
# SMPL-X files carry shape and expression directions together; fitroom uses the usual 10 betas.
_SMPLX_BETAS = 10


class BodyModel:
    """A loaded body model: ``smplx`` layer plus what fitroom needs around it.

    Attributes
    ----------
    name : str
        ``fitroom-anny`` or the path of the user's file (what ``Body.model`` records).
    gender : str
    layout : str
        ``smpl``, ``smplh`` or ``smplx``.
    layer : smplx.SMPL
        The smplx module (SMPL, SMPLH or SMPLX).
    faces : (F, 3) int32
    shape_count : int
        Number of shape coefficients (betas).
    variance_ratio : (K,) float64 or None
        Share of shape variance per component, for the default model.
    betas_bound : (K,) float64
        Largest plausible ``|betas|`` per component: for the default model, that of the extreme
        adult anny bodies; for a user's model, 3.
    """

    def __init__(self, layer, name: str, gender: str, layout: str, extras: dict):
        self.layer = layer
        self.name = name
        self.gender = gender
        self.layout = layout
        self.faces = np.asarray(layer.faces, dtype=np.int32)
        self.shape_count = int(layer.num_betas)
        self.variance_ratio = extras.get("variance_ratio")
        self.betas_bound = extras.get("betas_bound", np.full(self.shape_count, _USER_MODEL_RANGE_SIGMA))
        self._range_measurements = extras.get("range_measurements_cm")
        self._smpl_joints = _SMPL_JOINTS_OF_LAYOUT[layout]

    def range_measurements(self):
        """Measurements (N, M) in cm, ``ALL_MEASUREMENT_KEYS`` order, of bodies at the edge of the
        model's shape space: for the default model the extreme adult anny bodies (stored at build),
        for a user's model the bodies 3 standard deviations along each of the first 10 components
        (measured once, on first call)."""
        if self._range_measurements is None:
            from body.measure import ALL_MEASUREMENT_KEYS

            count = min(self.shape_count, 10)
            rows = []
            for component in range(count):
                for sign in (-1.0, 1.0):
                    betas = np.zeros(self.shape_count, dtype=np.float32)
                    betas[component] = sign * _USER_MODEL_RANGE_SIGMA
                    measured = self.body(betas).measurements_cm
                    rows.append([measured[key] for key in ALL_MEASUREMENT_KEYS])
            self._range_measurements = np.array(rows)
        return self._range_measurements

    @property
    def vertex_count(self) -> int:
        """Number of mesh vertices."""
        return int(self.layer.v_template.shape[0])

    def _as_betas(self, betas):
        """(B, K) float32 tensor from (K',) or (B, K') betas, zero-padded to the model's K."""
        import torch

        betas = torch.as_tensor(betas, dtype=torch.float32)
        betas = betas.reshape(1, -1) if betas.dim() == 1 else betas
        if betas.shape[1] > self.shape_count:
            raise BodyModelFileError(
                f"{betas.shape[1]} shape coefficients were given but the body model {self.name} has "
                f"{self.shape_count}; use a body made with the same model."
            )
        return torch.nn.functional.pad(betas, (0, self.shape_count - betas.shape[1]))

    def forward(self, betas, pose):
        """Posed mesh and joints; differentiable in ``betas`` and ``pose``.

        Parameters
        ----------
        betas : (B, K) or (K,) tensor
            Shape coefficients (fewer than K are padded with zeros).
        pose : (B, 72) or (72,) tensor
            SMPL axis-angle pose in radians: global orientation then 23 joints. For SMPL-H and SMPL-X
            models the first 22 joints drive the body and the hands stay at rest.

        Returns
        -------
        vertices : (B, V, 3) tensor
            Metres, Y up, facing +Z, in the model's own origin.
        joints : (B, 24, 3) tensor
            SMPL joints, order ``SMPL_JOINT_NAMES``.
        """
        import torch

        betas = self._as_betas(betas)
        pose = torch.as_tensor(pose, dtype=torch.float32)
        pose = pose.reshape(1, -1) if pose.dim() == 1 else pose
        batch = max(betas.shape[0], pose.shape[0])
        betas = betas.expand(batch, -1)
        pose = pose.expand(batch, -1)
        zeros = functools.partial(torch.zeros, batch, dtype=torch.float32)
        arguments = {"betas": betas, "global_orient": pose[:, :3], "transl": zeros(3)}
        if self.layout == "smpl":
            arguments["body_pose"] = pose[:, 3:72]
        else:
            arguments.update(body_pose=pose[:, 3:66], left_hand_pose=zeros(45), right_hand_pose=zeros(45))
        if self.layout == "smplx":
            arguments.update(
                jaw_pose=zeros(3),
                leye_pose=zeros(3),
                reye_pose=zeros(3),
                expression=zeros(self.layer.num_expression_coeffs),
            )
        output = self.layer(**arguments)
        return output.vertices, output.joints[:, self._smpl_joints]

    def rest_vertices(self, betas):
        """Unposed mesh, differentiable in ``betas``: ``v_template + shapedirs @ betas``.

        Parameters
        ----------
        betas : (B, K) or (K,) tensor

        Returns
        -------
        (B, V, 3) tensor
        """
        import torch

        betas = self._as_betas(betas)
        return self.layer.v_template[None] + torch.einsum("bk,vck->bvc", betas, self.layer.shapedirs)

    @property
    def joint_regressor(self) -> np.ndarray:
        """(24, V) float32: SMPL joints of an unposed mesh are ``joint_regressor @ vertices``."""
        return self.layer.J_regressor[self._smpl_joints].numpy()

    def rest_joints(self, rest_vertices):
        """SMPL joints (B, 24, 3) of unposed meshes (B, V, 3), from the model's joint regressor."""
        import torch

        joints = torch.einsum("jv,bvc->bjc", self.layer.J_regressor, rest_vertices)
        return joints[:, self._smpl_joints]

    def body(self, betas, pose=None, source: str = "") -> Body:
        """A ``Body``: posed mesh with its feet on the floor and measurements of its unposed shape.

        Parameters
        ----------
        betas : (K,) array
        pose : (72,) array, optional
            SMPL axis-angle pose in radians; the rest pose when omitted.
        source : str
            Where the body came from, recorded in BODY.json.
        """
        import torch

        from body.measure import measure_body

        betas = np.asarray(betas, dtype=np.float32).reshape(-1)
        pose = (
            np.zeros(72, dtype=np.float32) if pose is None else np.asarray(pose, dtype=np.float32).reshape(-1)
        )
        with torch.no_grad():
            vertices, joints = self.forward(torch.from_numpy(betas), torch.from_numpy(pose))
            rest = self.rest_vertices(torch.from_numpy(betas))
            rest_joints = self.rest_joints(rest)
        vertices = vertices[0].numpy()
        joints = joints[0].numpy()
        floor = np.array([0.0, vertices[:, 1].min(), 0.0], dtype=np.float32)
        return Body(
            vertices=(vertices - floor).astype(np.float32),
            faces=self.faces,
            joints=(joints - floor).astype(np.float32),
            betas=self._as_betas(betas)[0].numpy(),
            pose=pose,
            gender=self.gender,
            model=self.name,
            measurements_cm=measure_body(rest[0].numpy(), self.faces, rest_joints[0].numpy()),
            source=source,
        )


@functools.lru_cache(maxsize=8)
def _load_cached(gender: str, path: str | None) -> BodyModel:
    if path is None:
        from body.anny_build import default_model_path

        model_file = default_model_path(gender)
        if not model_file.exists():
            _build_with_progress(gender)
        data = _read_model_file(model_file)
        return _make_body_model(data, model_file, DEFAULT_MODEL_NAME, gender)
    model_file = Path(path)
    return _make_body_model(_read_model_file(model_file), model_file, str(model_file), gender)


def load_body_model(gender: str = GENDER, path: str | Path | None = None) -> BodyModel:
    """Load a body model (cached per process).

    Parameters
    ----------
    gender : str
        ``female``, ``male`` or ``neutral``: the variant of the default model, or the gender recorded
        for a user's model.
    path : str or Path, optional
        A user's SMPL, SMPL-H or SMPL-X file (``.npz`` or chumpy-free ``.pkl``). Without it the
        default model is used, built from anny and cached on first use (about half a minute, plus
        a minute for anny's own first-run cache).

    Raises
    ------
    UnknownGenderError, BodyModelFileError
    """
    if gender not in GENDERS:
        raise UnknownGenderError(f"Gender {gender!r} is not known; use one of {', '.join(GENDERS)}.")
    return _load_cached(gender, None if path is None else str(Path(path).expanduser().resolve()))


def _build_with_progress(gender: str) -> None:
    """Build the default model, stage by stage (see :mod:`fitroom.progress`)."""
    from body.anny_build import build_body_model
    from fitroom.progress import Progress

    with Progress() as progress:
        stage = None

        def report(message: str) -> None:
            nonlocal stage
            if stage is not None:
                stage.finish()
            stage = progress.step(f"Building the {gender} body model: {message}")

        build_body_model(gender, progress=report)
        stage.finish()


def _read_model_file(path: Path) -> dict:
    """The arrays of an SMPL-family ``.npz`` or ``.pkl`` file, checked for SMPL layout."""
    if not path.is_file():
        raise BodyModelFileError(
            f"Body model file {path} does not exist; give the path of an SMPL, SMPL-H or SMPL-X file."
        )
    try:
        if path.suffix == ".npz":
            with np.load(path, allow_pickle=True) as archive:
                data = {key: archive[key] for key in archive.files}
        elif path.suffix == ".pkl":
            with open(path, "rb") as handle:
                data = dict(pickle.load(handle, encoding="latin1"))
        else:
            raise BodyModelFileError(
                f"Body model file {path} is neither .npz nor .pkl; give an SMPL-family model file."
            )
    except ModuleNotFoundError as error:
        raise BodyModelFileError(
            f"Body model file {path} holds {error.name} objects; convert it to plain arrays first "
            "(smplx's tools/clean_ch.py does this)."
        ) from error
    except (OSError, ValueError, EOFError, pickle.UnpicklingError) as error:
        raise BodyModelFileError(
            f"Body model file {path} cannot be read ({error}); give an SMPL-family model file."
        ) from error
    missing = [key for key in _REQUIRED_KEYS if key not in data]
    if missing:
        raise BodyModelFileError(
            f"Body model file {path} lacks {', '.join(missing)}; "
            f"an SMPL-layout file holds {', '.join(_REQUIRED_KEYS)}."
        )
    vertex_count = data["v_template"].shape[0]
    joint_count = data["J_regressor"].shape[0]
    problems = []
    if data["v_template"].shape != (vertex_count, 3):
        problems.append(f"v_template has shape {data['v_template'].shape}, not (V, 3)")
    if tuple(data["shapedirs"].shape[:2]) != (vertex_count, 3):
        problems.append(f"shapedirs has shape {data['shapedirs'].shape}, not ({vertex_count}, 3, K)")
    if tuple(data["weights"].shape) != (vertex_count, joint_count):
        problems.append(f"weights has shape {data['weights'].shape}, not ({vertex_count}, {joint_count})")
    if data["J_regressor"].shape[1] != vertex_count:
        problems.append(f"J_regressor has shape {data['J_regressor'].shape}, not (J, {vertex_count})")
    if joint_count not in _LAYOUT_BY_JOINT_COUNT:
        problems.append(f"it has {joint_count} joints where SMPL has 24, SMPL-H 52 and SMPL-X 55")
    if problems:
        raise BodyModelFileError(f"Body model file {path} is not in SMPL layout: {'; '.join(problems)}.")
    return data


def _make_body_model(data: dict, path: Path, name: str, gender: str) -> BodyModel:
    """Instantiate the smplx layer that matches the file's layout."""
    import smplx
    from smplx.utils import Struct

    layout = _LAYOUT_BY_JOINT_COUNT[data["J_regressor"].shape[0]]
    shapedirs = np.asarray(data["shapedirs"])
    shape_count = shapedirs.shape[-1]
    vertex_count = data["v_template"].shape[0]
    if layout == "smplx":
        layer = smplx.SMPLX(
            model_path=str(path),
            ext=path.suffix[1:],
            num_betas=_SMPLX_BETAS,
            use_pca=False,
            gender=gender,
        )
        return BodyModel(layer, name, gender, layout, {})
    if shape_count < _SMPLX_SHAPE_SPACE:
        padding = np.zeros((vertex_count, 3, _SMPLX_SHAPE_SPACE - shape_count), dtype=shapedirs.dtype)
        data = {**data, "shapedirs": np.concatenate([shapedirs, padding], axis=2)}
    selector = _vertex_selector_arguments(data)
    if layout == "smplh":
        layer = smplx.SMPLH(
            model_path=str(path),
            data_struct=Struct(**data),
            num_betas=shape_count,
            use_pca=False,
            gender=gender,
            **selector,
        )
    else:
        layer = smplx.SMPL(
            model_path=str(path), data_struct=Struct(**data), num_betas=shape_count, gender=gender, **selector
        )
    extras = {key: np.asarray(data[key]) for key in _EXTRA_KEYS if key in data}
    return BodyModel(layer, name, gender, layout, extras)


def _vertex_selector_arguments(data: dict) -> dict:
    """smplx ``vertex_ids`` (and which landmark groups to use) for this mesh.

    fitroom's own model file names its landmark vertices; official topologies use smplx's own ids;
    any other mesh gets face landmarks found from its shape only.
    """
    from smplx.vertex_ids import vertex_ids as smplx_vertex_ids

    if "vertex_id_names" in data:
        names = [str(name) for name in data["vertex_id_names"]]
        return {"vertex_ids": dict(zip(names, (int(i) for i in data["vertex_id_values"]), strict=True))}
    official = _OFFICIAL_VERTEX_COUNTS.get(data["v_template"].shape[0])
    if official is not None:
        return {"vertex_ids": smplx_vertex_ids[official]}
    return {
        "vertex_ids": _face_landmarks_by_shape(np.asarray(data["v_template"])),
        "use_hands": False,
        "use_feet_keypoints": False,
    }


def _face_landmarks_by_shape(vertices: np.ndarray) -> dict[str, int]:
    """Nose, eye and ear vertex ids of an unknown Y-up, +Z-facing mesh (V, 3): the most forward
    vertex of the top eighth stands for the nose and eyes, its widest ones for the ears."""
    top = np.flatnonzero(vertices[:, 1] >= vertices[:, 1].max() - (np.ptp(vertices[:, 1]) / 8))
    nose = int(top[np.argmax(vertices[top, 2])])
    left = int(top[np.argmax(vertices[top, 0])])
    right = int(top[np.argmin(vertices[top, 0])])
    return {"nose": nose, "leye": nose, "reye": nose, "lear": left, "rear": right}
