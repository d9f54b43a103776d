"""Cloth simulation: a Taichi XPBD solver that sews and drapes garments on a body, and fit metrics.

Importing ``sim`` is cheap; Taichi loads with the first solver object.

Examples
--------
>>> from sim import Drape
>>> drape = Drape(body_vertices, body_faces, rest_uv, faces, positions, stitches, grain,
...               face_material, ["cotton_jersey"])
>>> result = drape.run(max_frames=600)
"""

import importlib

__all__ = [
    "Drape",
    "DrapeResult",
    "Material",
    "MATERIALS",
    "material_preset",
    "Model",
    "State",
    "SolverXPBD",
    "BodyCollider",
    "DrapeInputError",
    "UnknownMaterialError",
    "DeviceError",
    "init_taichi",
    "bench_drape",
]

_HOME = {
    "Drape": "sim.drape",
    "DrapeResult": "sim.result",
    "Material": "sim.materials",
    "MATERIALS": "sim.materials",
    "material_preset": "sim.materials",
    "Model": "sim.model",
    "State": "sim.state",
    "SolverXPBD": "sim.solver_xpbd",
    "BodyCollider": "sim.collision.body_collider",
    "DrapeInputError": "sim.errors",
    "UnknownMaterialError": "sim.errors",
    "DeviceError": "sim.errors",
    "init_taichi": "sim.device",
    "bench_drape": "sim.bench",
}


def __getattr__(name: str):
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
