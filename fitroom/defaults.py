"""The defaults every command and the library share, each decided here once, with its reason.

Every package may import this module (it imports nothing); the command line shows these values in
its help.
"""

__all__ = [
    "DEFAULT_SIZE",
    "FIT_SIZES",
    "VIEW_SIZES",
    "EDGE_LENGTH_M",
    "MAX_FRAMES",
    "FPS",
    "SUBSTEPS",
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

# Solver substeps per frame: with one iteration each, 20 keep a T-shirt's strain within about two
# points of a run at 80, while 10 read about twenty points high at the 95th percentile
# (see sim.solver_xpbd's known bias).
SUBSTEPS = 20

# The body model a typed-in body uses unless told otherwise: the bundled default body is a woman.
GENDER = "female"
