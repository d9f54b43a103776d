"""Build fitroom's open SMPL-format body model from the Apache-2.0 ``anny`` package.

The model keeps anny's mesh (13,718 vertices, triangulated), turned from anny's frame (Z up, facing -Y)
into SMPL's (Y up, facing +Z), and gives it what ``smplx`` needs:

- ``v_template`` (V, 3) and ``shapedirs`` (V, 3, K): the mean and the principal shape directions of
  a sample of adult anny bodies, scaled so that ``betas`` are standard normal over that sample;
- ``weights`` (V, 24): anny's skinning weights summed onto SMPL's 24 joints;
- ``J_regressor`` (24, V): non-negative weights, each row summing to one, fitted so that the joints
  follow anny's own joint positions across body shapes;
- ``posedirs`` (V, 3, 207): zeros, because anny deforms by linear blend skinning alone;
- ``kintree_table`` (2, 24) and ``f`` (F, 3).

The result is written as one ``.npz`` per gender under ``cache_dir()/body_model``; the file is itself an
SMPL-layout model that :func:`body.model.load_body_model` reads like a user's own file.
"""

import os
import time
from pathlib import Path

import numpy as np

from body.anny_rig import (
    bone_to_joint,
    fit_joint_regressor,
    landmark_vertex_ids,
    skinning_weights,
    smpl_joints_from_bone_heads,
)
from body.skeleton import SMPL_PARENTS
from fitroom.files import atomic_path, cache_dir

__all__ = [
    "ADULT_PHENOTYPE_RANGES",
    "SHAPE_COMPONENT_COUNT",
    "anny_model",
    "anny_rest_bodies",
    "build_body_model",
    "default_model_path",
    "import_anny",
    "sample_phenotypes",
]

# Bump when the build changes so stale caches are rebuilt.
BUILD_VERSION = 6

SHAPE_COMPONENT_COUNT = 20
TRAINING_BODY_COUNT = 1000
REGRESSOR_BODY_COUNT = 120
# anny's age parameter puts its anchors newborn, baby, child, young, old at -1/3, 0, 1/3, 2/3, 1;
# 0.5 lies half-way from child to young, about 18 years on MakeHuman's age targets, 1.0 is old.
# anny's gender parameter is 0 for male, 1 for female.
ADULT_PHENOTYPE_RANGES = {
    "female": {"gender": (0.85, 1.0), "age": (0.5, 1.0)},
    "male": {"gender": (0.0, 0.15), "age": (0.5, 1.0)},
    "neutral": {"gender": (0.0, 1.0), "age": (0.5, 1.0)},
}
_FREE_PHENOTYPES = ("muscle", "weight", "height", "proportions")

# anny (Z up, facing -Y) to SMPL (Y up, facing +Z): a rotation of -90 degrees about X.
_ANNY_TO_SMPL = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])


def default_model_path(gender: str) -> Path:
    """Where the built default model of ``gender`` is cached (it may not exist yet)."""
    from importlib.metadata import version

    # The version from the package metadata: importing anny itself takes seconds.
    name = f"fitroom_anny{version('anny')}_b{BUILD_VERSION}_{gender}.npz"
    return cache_dir() / "body_model" / name


def import_anny():
    """The ``anny`` package, imported with Warp's start-up report (printed to standard output) off
    unless fitroom runs verbose.

    anny keeps its own cache (about 790 MB, built on its first run) in ``$ANNY_CACHE_DIR`` or
    ``~/.cache/anny``; when ``$FITROOM_CACHE`` is set and ``$ANNY_CACHE_DIR`` is not, it goes in
    ``$FITROOM_CACHE/anny`` instead, so one variable moves everything fitroom caches.
    """
    import warp

    from fitroom.quiet import verbose

    if not verbose():
        warp.config.log_level = warp.LOG_WARNING
    import anny
    import anny.paths

    if os.environ.get("FITROOM_CACHE") and not os.environ.get("ANNY_CACHE_DIR"):
        anny.paths.set_anny_cache_path(cache_dir() / "anny")
    return anny


def anny_model():
    """anny's default full-body model (its first construction builds anny's own cache, about 60 s)."""
    return import_anny().Anny()


def sample_phenotypes(gender: str, count: int, seed: int) -> dict[str, np.ndarray]:
    """Random adult anny phenotypes for the ``gender`` variant.

    Returns
    -------
    dict[str, (count,) float64]
        ``gender`` and ``age`` uniform in ``ADULT_PHENOTYPE_RANGES[gender]``; ``muscle``, ``weight``,
        ``height`` and ``proportions`` uniform in [0, 1].
    """
    rng = np.random.default_rng(seed)
    phenotypes = {
        name: rng.uniform(low, high, count) for name, (low, high) in ADULT_PHENOTYPE_RANGES[gender].items()
    }
    for name in _FREE_PHENOTYPES:
        phenotypes[name] = rng.uniform(0.0, 1.0, count)
    return phenotypes


def anny_rest_bodies(anny, phenotypes: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """anny's rest meshes and bone heads for a batch of phenotypes, in SMPL's frame.

    Parameters
    ----------
    anny : anny.Anny
    phenotypes : dict[str, (N,) float]

    Returns
    -------
    vertices : (N, V, 3) float64
        Metres, Y up, facing +Z, anny's origin (between the hips).
    bone_heads : (N, 104, 3) float64
        Same frame.
    """
    import torch

    with torch.no_grad():
        torch_phenotypes = {k: torch.as_tensor(v, dtype=torch.float64) for k, v in phenotypes.items()}
        coefficients = anny.get_phenotype_blendshape_coefficients(**torch_phenotypes)
        rest = anny.get_rest_model(coefficients)
    vertices = rest["rest_vertices"].numpy() @ _ANNY_TO_SMPL.T
    bone_heads = rest["rest_bone_heads"].numpy() @ _ANNY_TO_SMPL.T
    return vertices, bone_heads


def _shape_space(vertices: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PCA of a sample of rest meshes.

    Parameters
    ----------
    vertices : (N, V, 3) float64

    Returns
    -------
    mean : (V, 3) float64
    shapedirs : (V, 3, K) float64
        Principal directions times the sample's standard deviation along them (betas ~ N(0, 1)).
    variance_ratio : (K,) float64
        Share of the sample's shape variance each component explains.
    """
    count = vertices.shape[0]
    flat = vertices.reshape(count, -1)
    mean = flat.mean(axis=0)
    centred = flat - mean
    # The principal directions from the small (N, N) Gram matrix: far cheaper than an SVD of the
    # (N, 3V) sample when N is much less than 3V.
    eigenvalues, eigenvectors = np.linalg.eigh(centred @ centred.T)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues, eigenvectors = np.clip(eigenvalues[order], 0.0, None), eigenvectors[:, order]
    variance = eigenvalues / (count - 1)
    k = SHAPE_COMPONENT_COUNT
    directions = (eigenvectors[:, :k].T @ centred) / np.sqrt(eigenvalues[:k])[:, None]
    # Fix each direction's sign (its largest entry positive) so that betas mean the same on every build.
    largest = np.abs(directions).argmax(axis=1)
    directions *= np.sign(directions[np.arange(k), largest])[:, None]
    shapedirs = (directions * np.sqrt(variance[:k])[:, None]).T.reshape(-1, 3, k)
    return mean.reshape(-1, 3), shapedirs, variance[:k] / variance.sum()


def _corner_phenotypes(gender: str) -> dict[str, np.ndarray]:
    """Every combination of the ends of the adult phenotype ranges (the extreme bodies)."""
    ranges = {name: (0.0, 1.0) for name in _FREE_PHENOTYPES} | ADULT_PHENOTYPE_RANGES[gender]
    grids = np.meshgrid(*[np.array(bounds) for bounds in ranges.values()], indexing="ij")
    return {name: grid.ravel() for name, grid in zip(ranges, grids, strict=True)}


def _measure_bodies(vertices: np.ndarray, faces: np.ndarray, regressor: np.ndarray) -> np.ndarray:
    """(N, M) measurements (cm, ``ALL_MEASUREMENT_KEYS`` order) of rest meshes (N, V, 3)."""
    from body.measure import ALL_MEASUREMENT_KEYS, measure_body

    rows = []
    for mesh in vertices:
        measured = measure_body(mesh, faces, regressor @ mesh)
        rows.append([measured[key] for key in ALL_MEASUREMENT_KEYS])
    return np.array(rows)


def build_body_model(gender: str, anny=None, progress=None) -> Path:
    """Build the default model of ``gender`` and write it to :func:`default_model_path`.

    Parameters
    ----------
    gender : str
        ``female``, ``male`` or ``neutral``.
    anny : anny.Anny, optional
        A loaded anny model, to share one between genders.
    progress : callable, optional
        ``progress(message)`` is called before each stage.

    Returns
    -------
    Path
        The written ``.npz`` file.
    """
    anny_package = import_anny()
    import torch

    report = progress or (lambda message: None)
    started = time.perf_counter()
    if anny is None:
        report("loading anny (its first run builds its own cache: 1-2 min)")
        anny = anny_model()
    labels = list(anny.bone_labels)
    report(f"sampling {TRAINING_BODY_COUNT} adult anny bodies")
    train_vertices, _ = anny_rest_bodies(anny, sample_phenotypes(gender, TRAINING_BODY_COUNT, seed=1))
    report("shape PCA")
    v_template, shapedirs, variance_ratio = _shape_space(train_vertices)
    del train_vertices
    report("skinning weights and joint regressor")
    weights = skinning_weights(anny, bone_to_joint(labels, list(anny.bone_parents)))
    reg_vertices, reg_heads = anny_rest_bodies(anny, sample_phenotypes(gender, REGRESSOR_BODY_COUNT, seed=2))
    reg_joints = smpl_joints_from_bone_heads(labels, reg_heads)
    regressor = fit_joint_regressor(reg_vertices, reg_joints, weights)
    joint_error = np.linalg.norm(np.einsum("jv,nvc->njc", regressor, reg_vertices) - reg_joints, axis=2)
    faces = anny.get_triangular_faces().numpy().astype(np.int64)
    vertex_count = v_template.shape[0]
    kintree = np.array([[4294967295 if p < 0 else p for p in SMPL_PARENTS], list(range(24))], dtype=np.int64)
    coco_path = anny_package.paths.get_anny_root_dir() / "data" / "keypoints" / "coco.pth"
    coco = torch.load(coco_path, weights_only=True)
    landmarks = landmark_vertex_ids(anny, coco, v_template, regressor @ v_template)
    report("measuring the extreme bodies")
    corner_vertices, _ = anny_rest_bodies(anny, _corner_phenotypes(gender))
    range_measurements = _measure_bodies(corner_vertices, faces, regressor)
    corner_offsets = (corner_vertices - v_template).reshape(len(corner_vertices), -1).T
    directions = shapedirs.reshape(-1, SHAPE_COMPONENT_COUNT)
    corner_betas, *_ = np.linalg.lstsq(directions, corner_offsets, rcond=None)
    path = default_model_path(gender)
    with atomic_path(path) as tmp:
        np.savez_compressed(
            tmp,
            v_template=v_template.astype(np.float32),
            shapedirs=shapedirs.astype(np.float32),
            posedirs=np.zeros((vertex_count, 3, 207), dtype=np.float32),
            J_regressor=regressor.astype(np.float32),
            weights=weights.astype(np.float32),
            kintree_table=kintree,
            f=faces,
            vertex_id_names=np.array(list(landmarks)),
            vertex_id_values=np.array(list(landmarks.values()), dtype=np.int64),
            variance_ratio=variance_ratio,
            range_measurements_cm=range_measurements,
            betas_bound=np.abs(corner_betas).max(axis=1),
            joint_error_mean_m=np.float64(joint_error.mean()),
            anny_version=np.array(anny_package.__version__),
            gender=np.array(gender),
            build_seconds=np.float64(time.perf_counter() - started),
        )
    return path
