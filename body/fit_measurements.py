"""A body from tailor's measurements: solve the shape coefficients (betas) that give them."""

import numpy as np

from body.body import Body
from body.measure import ALL_MEASUREMENT_KEYS
from body.model_errors import MeasurementRangeError, NoBodyRequestError, UnknownMeasurementError
from fitroom.defaults import GENDER

__all__ = ["FIT_TOLERANCE_CM", "body_from_measurements", "check_measurement_ranges"]

FIT_TOLERANCE_CM = 0.5
# A request may lie this far (as a share) beyond the extreme bodies the model's range was taken from.
_RANGE_MARGIN = 0.03
# Pairs whose ratio is checked, so that each value alone may be in range but not the two together.
_RATIO_PAIRS = (("waist", "hip"), ("chest", "hip"), ("waist", "chest"), ("inseam", "height"))
_PLAN_ROUNDS = 6
_STEPS_PER_ROUND = 25
# Weight of the standard-normal prior on betas, in cm² per unit beta²: small enough to cost well
# under 0.1 cm of the requested measurements, large enough to keep unrequested ones ordinary.
_PRIOR_WEIGHT = 1e-3
# Weight, in cm² per unit beta², of the penalty on betas beyond the model's plausible bound.
_BOUND_WEIGHT = 100.0


def check_measurement_ranges(targets: dict[str, float], model) -> None:
    """Raise if a requested measurement, or the ratio of two, lies outside the model's range.

    Parameters
    ----------
    targets : dict[str, float]
        Requested measurements in cm.
    model : BodyModel

    Raises
    ------
    UnknownMeasurementError, MeasurementRangeError
    """
    unknown = [key for key in targets if key not in ALL_MEASUREMENT_KEYS]
    if unknown:
        raise UnknownMeasurementError(
            f"Unknown measurement {', '.join(unknown)}; use any of {', '.join(ALL_MEASUREMENT_KEYS)} (cm)."
        )
    extremes = model.range_measurements()
    column = {key: ALL_MEASUREMENT_KEYS.index(key) for key in ALL_MEASUREMENT_KEYS}
    where = f"the {model.gender} {model.name} model"
    for key, value in targets.items():
        values = extremes[:, column[key]]
        low, high = values.min() * (1 - _RANGE_MARGIN), values.max() * (1 + _RANGE_MARGIN)
        if not np.isfinite(value) or not low <= value <= high:
            raise MeasurementRangeError(
                f"A {key} of {value:g} cm is outside the range of {where}: "
                f"ask for {low:.0f} to {high:.0f} cm."
            )
    for top, bottom in _RATIO_PAIRS:
        if top in targets and bottom in targets:
            ratios = extremes[:, column[top]] / extremes[:, column[bottom]]
            low, high = ratios.min() * (1 - _RANGE_MARGIN), ratios.max() * (1 + _RANGE_MARGIN)
            ratio = targets[top] / targets[bottom]
            if not low <= ratio <= high:
                raise MeasurementRangeError(
                    f"A {top} of {targets[top]:g} cm with a {bottom} of {targets[bottom]:g} cm is outside "
                    f"the range of {where}: with that {bottom}, ask for a {top} of "
                    f"{low * targets[bottom]:.0f} to {high * targets[bottom]:.0f} cm."
                )


def body_from_measurements(targets: dict[str, float], gender: str = GENDER, model=None) -> Body:
    """The body of the model whose measurements match ``targets``.

    Any subset of ``ALL_MEASUREMENT_KEYS`` may be given (usually height, chest, waist, hip, inseam,
    shoulder_width); the others take the values most usual for the model. Requests within the
    model's range come back within ``FIT_TOLERANCE_CM``.

    Parameters
    ----------
    targets : dict[str, float]
        Measurements in cm.
    gender : str
        ``female``, ``male`` or ``neutral`` (ignored when ``model`` is given).
    model : BodyModel, optional
        Defaults to ``load_body_model(gender)``.

    Returns
    -------
    Body
        In the rest pose, ``source`` ``measurements``, with all measurements filled.

    Raises
    ------
    NoBodyRequestError, UnknownMeasurementError, MeasurementRangeError
    """
    import torch

    from body.model import load_body_model

    if not targets:
        raise NoBodyRequestError(
            f"No measurement was given; give any of {', '.join(ALL_MEASUREMENT_KEYS)} (cm)."
        )
    model = model or load_body_model(gender)
    targets = {key: float(value) for key, value in targets.items()}
    check_measurement_ranges(targets, model)
    previous_threads = torch.get_num_threads()
    # The fit's tensors are small: on a busy CPU, torch's worker threads cost more in waiting than
    # they save (measured: 30 ms against 2 ms per step on this 2-core machine).
    torch.set_num_threads(1)
    try:
        betas = _solve_betas(targets, model)
    finally:
        torch.set_num_threads(previous_threads)
    return model.body(betas, source="measurements")


def _solve_betas(targets: dict[str, float], model) -> np.ndarray:
    """(K,) float32 betas whose body has the ``targets`` measurements (cm), as near as it can."""
    import torch

    from body.measure import plan_measurements

    shapedirs = model.layer.shapedirs.numpy().reshape(-1, model.shape_count)
    template = model.layer.v_template.numpy().reshape(-1)
    regressor = model.joint_regressor
    bound = torch.as_tensor(model.betas_bound, dtype=torch.float32)
    betas = torch.zeros(model.shape_count, dtype=torch.float32, requires_grad=True)
    wanted = torch.tensor(list(targets.values()), dtype=torch.float32)
    for _ in range(_PLAN_ROUNDS):
        with torch.no_grad():
            rest = model.rest_vertices(betas)[0].numpy()
        plan = plan_measurements(rest, model.faces, regressor @ rest)
        points = _PlanPoints(plan, template, shapedirs, regressor)
        if _errors(plan, points(betas), targets, wanted).abs().max() < FIT_TOLERANCE_CM / 5:
            break
        optimizer = torch.optim.LBFGS(
            [betas], lr=1.0, max_iter=_STEPS_PER_ROUND, line_search_fn="strong_wolfe", tolerance_grad=1e-9
        )

        def loss(plan=plan, points=points, optimizer=optimizer):
            optimizer.zero_grad()
            residual = _errors(plan, points(betas), targets, wanted)
            beyond = torch.relu(betas.abs() - bound)
            value = (residual**2).sum() + _PRIOR_WEIGHT * (betas**2).sum() + _BOUND_WEIGHT * (beyond**2).sum()
            value.backward()
            return value

        optimizer.step(loss)
    return betas.detach().numpy()


class _PlanPoints:
    """The plan's measurement points as a linear function of betas: ``offset + basis @ betas``.

    Vertices are ``template + shapedirs @ betas`` and joints ``regressor @ vertices``, so each point,
    a fixed weighted sum of vertices and joints, is linear in betas too.
    """

    def __init__(self, plan, template: np.ndarray, shapedirs: np.ndarray, regressor: np.ndarray):
        import torch

        vertex_count = regressor.shape[1]
        shape_count = shapedirs.shape[1]
        on_vertices = plan.weights[:, :vertex_count]
        on_joints = plan.weights[:, vertex_count:]
        template = template.reshape(vertex_count, 3)
        directions = shapedirs.reshape(vertex_count, 3 * shape_count)
        offset = on_vertices @ template + on_joints @ (regressor @ template)
        basis = on_vertices @ directions + on_joints @ (regressor @ directions)
        self.offset = torch.as_tensor(offset, dtype=torch.float32)
        self.basis = torch.as_tensor(basis.reshape(-1, 3, shape_count), dtype=torch.float32)

    def __call__(self, betas):
        return self.offset + self.basis @ betas


def _errors(plan, points, targets: dict[str, float], wanted):
    """(T,) tensor: measured minus requested, cm, from the plan's measurement points (P, 3)."""
    import torch

    from body.measure_torch import measure_points_torch

    measured = measure_points_torch(plan, points)
    return torch.stack([measured[key] for key in targets]) - wanted
