"""Placing meshed panels around a body, ready to sew.

Each panel is laid out in GarmentCode's 3D frame (its ``translation`` and ``rotation``), which says
where on a generic body it goes; fitroom then wraps it onto a surface around the matching body part
of the actual body, a few centimetres clear, one module per region:

- :mod:`.trunk_layout`: where GarmentCode turns each trunk panel round the body (fronts, backs, gores)
  and which panels lie over others (pockets, a bodice over a skirt);
- :mod:`.trunk`: torso panels onto a stack of horizontal ellipses that follow the trunk slice by slice,
  at their turn, arc length preserved across the panel, folded over the shoulders at the top;
- :mod:`.arms`: sleeves and cuffs onto a tube along the arm, shoulder to hand;
- :mod:`.legs`: trouser legs above the crotch like the trunk, below it onto an ellipse stack round each leg;
- :mod:`.neck`: collars and hoods from the neckline they are sewn to: hoods round the head, flat collars
  over the shoulders, standing collars up the neck;
- :mod:`.push_out`: any vertex still inside or against the body moves out along the body's normal;
- :mod:`.assembly`: :func:`place_garment`, which sends each panel to its region.

Surfaces are widened where a garment is larger than the body, so fronts and backs never overlap.
GarmentCode files whose own 3D layout already sits clear around the body keep that layout.
"""

from garments.placement.assembly import place_garment
from garments.placement.trunk import CLEARANCE, MIN_CLEARANCE

__all__ = ["place_garment", "CLEARANCE", "MIN_CLEARANCE"]
