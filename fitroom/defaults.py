"""The defaults every command and the library share, each decided here once, with its reason.

Every package may import this module (it imports only the standard library); the command line shows
these values in its help.
"""

import math

__all__ = [
    "DEFAULT_SIZE",
    "FIT_SIZES",
    "VIEW_SIZES",
    "EDGE_LENGTH_M",
    "MAX_FRAMES",
    "FPS",
    "SUBSTEPS",
    "substeps_for_edge",
    "GENDER",
]

# The middle of the size chart: the bundled default body is the chart's size-M woman.
DEFAULT_SIZE = "M"

# The sizes fit and report drape to recommend one: the default size and one either side, enough to find
# the smallest that is not tight for a body near the chart's middle, at three drapes' cost.
FIT_SIZES = ("S", "M", "L")

# The sizes the demo drapes and the live viewer offers on its number keys: one more on the loose side,
# so that a recommendation of L has a looser size beside it to compare.
VIEW_SIZES = ("S", "M", "L", "XL")

# Mesh edge length, m. At 1.5 cm a T-shirt has about 3,500 vertices, drapes in real time on two CPU
# cores and reads its girth strain within about a point of a 1 cm mesh.
EDGE_LENGTH_M = 0.015

# Frame limit of one drape (10 s at FPS): the bundled garments come to rest within 100-300 frames,
# skirts and trousers after their waistline's hold (sim.height_hold) has let go.
MAX_FRAMES = 600

# Frames per simulated second: a frame is what the live viewer draws.
FPS = 60.0

# Solver substeps per frame at the default edge length: with one iteration each, 20 keep a T-shirt's
# girth strain within a point of a run at 80, while 10 read about twenty points high at the 95th
# percentile (see sim.solver_xpbd's known bias).
SUBSTEPS = 20


def substeps_for_edge(edge_length_m: float) -> int:
    """Solver substeps per frame for a mesh of ``edge_length_m`` m edges: ``SUBSTEPS`` at the default
    edge and coarser, and in proportion to ``EDGE_LENGTH_M / edge_length_m`` finer.

    One XPBD iteration per substep leaves load-carrying cloth over-stretched by a bias that grows as
    (substep / edge)², so a substep in proportion to the edge keeps a drape the same at every mesh. The
    bundled T-shirt M on the default body, girth strain at the chest and the whole garment's 95th
    percentile: 105.7 % and 118.2 % at 1.5 cm edges and 20 substeps, 105.8 % and 117.8 % at 1.0 cm and
    30, 105.9 % and 117.9 % at 0.7 cm and 43; at 0.7 cm and 20 substeps, 108.1 % and 126.2 %.
    """
    return max(SUBSTEPS, math.ceil(round(SUBSTEPS * EDGE_LENGTH_M / edge_length_m, 6)))


# The body model a typed-in body uses unless told otherwise: the bundled default body is a woman.
GENDER = "female"
