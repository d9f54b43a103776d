"""What a batch drapes and how: the settings every task of one results folder shares.

They are written to ``RESULTS/batch.json`` when a batch first starts; a batch resumed in the same folder
must ask for the same drapes (patterns, sizes, fabric, mesh, frames, rule), or its rows would mix two
runs' figures.
"""

import json
from pathlib import Path

import pydantic

from fitroom.errors import FitroomError
from fitroom.files import atomic_path
from viewer.fit_report import DEFAULT_RULE, FitRule

__all__ = ["BatchSettings", "BatchSettingsError", "SETTINGS_FILE", "commit_settings"]

SETTINGS_FILE = "batch.json"


class BatchSettingsError(FitroomError):
    """A results folder that holds a batch run with other settings."""


class BatchSettings(pydantic.BaseModel):
    """Settings of one batch.

    Attributes
    ----------
    patterns : dict[str, list[str | None]]
        Pattern name or file -> sizes to drape, smallest first (``[None]``: the one size of an ungraded
        file).
    material : str or None
        Fabric for every panel, or None for each pattern's own.
    device : str
        ``auto``, ``cpu`` or ``cuda`` (``auto`` takes a GPU where the cluster has one).
    edge_length_m : float
        Mesh edge length, metres.
    max_frames : int
        Frame limit of each drape (60 fps).
    rule : FitRule
        The recommendation rule.
    pictures : bool
        Whether each task also renders the sizes side by side as a PNG.
    """

    model_config = pydantic.ConfigDict(frozen=True)
    patterns: dict[str, list[str | None]]
    material: str | None = None
    device: str = "auto"
    edge_length_m: float
    max_frames: int
    rule: FitRule = DEFAULT_RULE
    pictures: bool = False

    def drapes_per_person(self) -> int:
        """Drapes one person costs: every size of every pattern."""
        return sum(len(sizes) for sizes in self.patterns.values())


def _differences(old: dict, new: dict) -> list[str]:
    return [key for key in new if key != "pictures" and old.get(key) != new[key]]


def commit_settings(out_dir: Path, settings: BatchSettings) -> None:
    """Write ``settings`` to ``out_dir/batch.json``, or check them against those already there.

    Raises
    ------
    BatchSettingsError
        ``out_dir`` holds a batch whose drapes were asked for otherwise (naming what differs).
    """
    path = out_dir / SETTINGS_FILE
    new = json.loads(settings.model_dump_json())
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            old = None
        if not isinstance(old, dict):
            raise BatchSettingsError(
                f"{path} cannot be read, so the results in {out_dir} cannot be resumed; give another --out."
            )
        changed = _differences(old, new)
        if changed:
            raise BatchSettingsError(
                f"{out_dir} holds a batch with other {', '.join(changed)}; resume it with the same settings "
                "or give another --out."
            )
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(new, indent=2))
