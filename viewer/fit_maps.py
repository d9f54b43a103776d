"""The fit maps a person can colour the garment by: what each shows, its units and colour scale."""

from dataclasses import dataclass

import numpy as np

__all__ = ["FitMap", "FIT_MAPS", "MAP_CYCLE", "fit_map"]


@dataclass(frozen=True)
class FitMap:
    """One heatmap: which ``DrapeResult`` field it reads and how it is coloured.

    Attributes
    ----------
    name : str
        Key used on the command line and by the ``h`` key (``strain``, ``stress``, ...).
    field : str
        ``DrapeResult`` attribute holding the values.
    on_cells : bool
        True when the values are per face (F,), False when per vertex (V,).
    title : str
        Colour-bar title, with units.
    clim : tuple[float, float]
        Colour range; values beyond it take the end colours.
    cmap : str
        Matplotlib colour map name.
    ticks : int
        Labels on the colour bar, chosen so each falls on a round value.
    """

    name: str
    field: str
    on_cells: bool
    title: str
    clim: tuple[float, float]
    cmap: str
    ticks: int

    def values(self, result) -> np.ndarray:
        """The map's values from a ``DrapeResult``, float32 (F,) or (V,)."""
        return np.asarray(getattr(result, self.field), dtype=np.float32)


# Commercial fit maps (CLO's strain map, Browzwear's fit map) run blue at rest length to red at
# 120 % and beyond; "jet" is that blue-cyan-green-yellow-red scale.
FIT_MAPS = {
    "strain": FitMap("strain", "strain_pct", True, "Strain (%)", (100.0, 120.0), "jet", 5),
    # Fabric mode (as CLO's): red where the fabric reaches its own wearable stretch limit.
    "fabric": FitMap(
        "fabric",
        "wearable_use_pct",
        True,
        "Fabric strain\n(% of limit)",
        (0.0, 100.0),
        "jet",
        6,
    ),
    "stress": FitMap("stress", "stress_n_per_m", True, "Stress (N/m)", (0.0, 10.0), "inferno", 6),
    "pressure": FitMap("pressure", "pressure_pa", False, "Pressure (Pa)", (0.0, 200.0), "magma", 5),
    "gap": FitMap("gap", "gap_cm", False, "Gap to skin (cm)", (0.0, 6.0), "viridis_r", 7),
}

# The order the ``h`` key walks through; ``none`` shows the fabric colour.
MAP_CYCLE = ("none", "strain", "fabric", "stress", "pressure", "gap")


def fit_map(name: str) -> FitMap | None:
    """The ``FitMap`` called ``name``, or None for ``none``."""
    from viewer.errors import UnknownMapError

    if name == "none":
        return None
    if name not in FIT_MAPS:
        raise UnknownMapError(f"There is no '{name}' map; choose one of: {', '.join(MAP_CYCLE)}.")
    return FIT_MAPS[name]
