"""Fabric presets in physical units, from published measurements, each number with its source.

In-plane stiffness, areal density and bending
    Wang, O'Brien & Ramamoorthi, "Data-driven elastic models for cloth: modeling and measurement",
    ACM Transactions on Graphics 30(4), 2011, as their measured samples are distributed in ARCSim's
    material files (``materials/<sample>.json``: ``density`` kg/m², six ``stretching`` rows
    ``[k11, k12, k22, k33]`` N/m for warp, Poisson coupling, weft and shear, five ``bending`` samples
    N·m per row). ARCSim reads row 0 as the stiffness at zero strain and rows 1-5 as the stiffness at a
    principal stretch of 1/6 (16.7 %) along 0°, 22.5°, 45°, 67.5° and 90° to the warp, interpolating
    linearly in strain between them and holding the last value beyond (``dde.cpp``:
    ``strain_value = (w - 1) * 6`` clamped to [0, 1]). fitroom takes, for each preset:

    - ``stretch_warp_n_m``, ``stretch_weft_n_m``, ``shear_n_m``: row 0's ``k11``, ``k22``, ``k33``,
      which the solver uses as linear stiffnesses (tension = k × strain, N/m);
    - ``stretch_curve_warp``: (0, row 0 ``k11``) and (1/6, row 1 ``k11``, the 0° sample);
      ``stretch_curve_weft``: (0, row 0 ``k22``) and (1/6, row 5 ``k22``, the 90° sample): the tangent
      stiffness rising with strain, as measured. Where the strained sample reads below the unstrained
      one (only the swimwear's warp, 40.4 against 48.0 N/m, within the scatter of the fit) the curve
      stays at the unstrained value;
    - ``bending_n_m``: the first bending sample (smallest curvature, along the warp);
    - ``density_kg_m2``: the file's ``density``.

    ARCSim doubles every stretching value in its energy (``real_elastic *= 2`` in ``dde.cpp``, against
    an energy in Green strain); fitroom uses the file's numbers as they are, as its solver always has.

Friction against skin
    Derler & Gerhardt, "Tribology of skin: review and analysis of experimental results for the
    friction coefficient of human skin", Tribology Letters 45, 2012: textile-on-skin coefficients
    between about 0.2 and 0.7; smooth synthetics sit low, napped cotton knits higher.

Thickness
    The fabric class's typical caliper (ASTM D1777 measures it), not part of the Wang et al. data:
    0.3 mm for light wovens, 0.5-0.6 mm for single knits and swimwear, 0.8 mm for 11 oz denim,
    1.0 mm for double knits and rib, 1.5 mm for a napped sweat knit.

Wearable stretch limit (``wearable_strain_pct``)
    The strain at which the fabric stops giving comfortably, the red end of a strain map in fabric
    mode (CLO's fabric-mode strain map shows strain against each fabric's own limit). Basis: Kirk &
    Ibrahim, "Fundamental relationship of fabric extensibility to anthropometric requirements and body
    movement", Textile Research Journal 36(1), 1966 (skin stretches 13-22 % across the back and 35-50 %
    over knee and elbow in movement, which a garment must follow by ease or stretch), and the usual
    stretch-fabric classes (Kadolph, "Textiles", 10th ed., 2007: comfort stretch up to about 30 %,
    power stretch 30-50 %); rigid wovens give only their crimp, 2-5 % at KES-F's 500 gf/cm (Kawabata &
    Niwa, "Fabric performance in clothing and clothing manufacture", J. Textile Institute 80(1), 1989).
    These are class values, not measured on the samples.
"""

from dataclasses import dataclass

from sim.errors import UnknownMaterialError

__all__ = ["Material", "MATERIALS", "material_preset"]

Curve = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Material:
    """A fabric's mechanical properties.

    Attributes
    ----------
    name : str
        Preset name.
    density_kg_m2 : float
        Mass per area, kg/m².
    stretch_warp_n_m : float
        Stretch stiffness along the warp (lengthwise grain) at small strain, N/m; the solver's.
    stretch_weft_n_m : float
        Stretch stiffness along the weft (crosswise grain) at small strain, N/m; the solver's.
    shear_n_m : float
        In-plane shear stiffness, N/m.
    bending_n_m : float
        Bending stiffness (rigidity per width), N·m.
    friction : float
        Coulomb friction coefficient against skin.
    thickness_m : float
        Fabric thickness, m.
    stretch_curve_warp, stretch_curve_weft : tuple of (strain, stiffness N/m)
        Tangent stretch stiffness against strain (dimensionless, 0 first), rising; linear between
        samples and constant past the last. The first sample is the linear stiffness above.
    wearable_strain_pct : float
        Strain at which the fabric stops giving comfortably, %.
    source : str
        Where the figures come from.
    """

    name: str
    density_kg_m2: float
    stretch_warp_n_m: float
    stretch_weft_n_m: float
    shear_n_m: float
    bending_n_m: float
    friction: float
    thickness_m: float
    stretch_curve_warp: Curve
    stretch_curve_weft: Curve
    wearable_strain_pct: float
    source: str


_WANG_2011 = "Wang, O'Brien & Ramamoorthi 2011, ARCSim material"
_STRAINED = 1.0 / 6.0


def _wang(
    name: str,
    sample: str,
    density: float,
    small: tuple[float, float, float],
    strained: tuple[float, float],
    bending: float,
    friction: float,
    thickness: float,
    wearable: float,
) -> Material:
    """A preset from one Wang et al. sample: ``small`` = row 0's (k11, k22, k33) N/m, ``strained`` =
    (row 1's k11, row 5's k22) N/m at 1/6 strain, ``bending`` N·m."""
    warp, weft, shear = small
    return Material(
        name=name,
        density_kg_m2=density,
        stretch_warp_n_m=warp,
        stretch_weft_n_m=weft,
        shear_n_m=shear,
        bending_n_m=bending,
        friction=friction,
        thickness_m=thickness,
        stretch_curve_warp=((0.0, warp), (_STRAINED, max(warp, strained[0]))),
        stretch_curve_weft=((0.0, weft), (_STRAINED, max(weft, strained[1]))),
        wearable_strain_pct=wearable,
        source=f"{_WANG_2011} {sample}",
    )


MATERIALS: dict[str, Material] = {
    material.name: material
    for material in (
        # 60/40 cotton-polyester interlock, a T-shirt knit.
        _wang(
            "cotton_jersey",
            "gray-interlock",
            0.187,
            (16.6, 34.5, 36.9),
            (46.4, 405.9),
            23.2e-6,
            0.5,
            0.6e-3,
            20,
        ),
        # 95/5 cotton-spandex rib (underwear).
        _wang(
            "rib_knit", "ivory-rib-knit", 0.276, (42.9, 65.2, 83.2), (52.4, 254.6), 46.2e-6, 0.5, 1.0e-3, 30
        ),
        # 99/1 cotton-spandex 11 oz denim (jeans): stretch denim, comfort stretch at the low end.
        _wang(
            "denim",
            "11oz-black-denim",
            0.324,
            (205.0, 1014.0, 53.0),
            (232.0, 1051.6),
            64.2e-6,
            0.45,
            0.8e-3,
            8,
        ),
        # 60/40 polyester-rayon ponte roma double knit (jackets).
        _wang(
            "ponte_knit",
            "camel-ponte-roma",
            0.284,
            (31.1, 44.0, 31.9),
            (78.7, 191.8),
            36.3e-6,
            0.4,
            1.0e-3,
            15,
        ),
        # 87/13 nylon-spandex swimwear: power stretch.
        _wang(
            "swim_stretch",
            "white-swim-solid",
            0.204,
            (48.0, 104.6, 60.8),
            (40.4, 124.5),
            60.2e-6,
            0.3,
            0.5e-3,
            40,
        ),
        # The lightest woven Wang et al. measured (100 % polyester plain weave, 128 g/m²) stands in for
        # shirting: a stiff-in-plane, low-shear light woven.
        _wang(
            "shirting",
            "white-dots-on-blk",
            0.128,
            (2002.1, 2027.5, 19.2),
            (2107.2, 2150.5),
            51.7e-6,
            0.3,
            0.3e-3,
            3,
        ),
        # Medium-weight cotton-rich woven: Wang et al.'s 65/35 cotton-polyester (220 g/m², trousers),
        # the only cotton-rich woven they measured, for a medium-weight poplin.
        _wang(
            "cotton_poplin",
            "royal-target",
            0.220,
            (2016.6, 2035.0, 104.8),
            (2109.5, 2152.7),
            125.4e-6,
            0.4,
            0.4e-3,
            3,
        ),
        # 96/4 polyester-spandex sweat knit (224 g/m², sweaters), for a sweatshirt fleece.
        _wang(
            "sweat_fleece",
            "navy-sparkle-sweat",
            0.224,
            (12.5, 3.27, 17.6),
            (32.2, 243.3),
            59.5e-6,
            0.6,
            1.5e-3,
            20,
        ),
    )
}


def material_preset(name: str) -> Material:
    """The preset called ``name``.

    Raises
    ------
    UnknownMaterialError
        If ``name`` is not a preset; the message lists the presets.
    """
    try:
        return MATERIALS[name]
    except KeyError:
        known = ", ".join(sorted(MATERIALS))
        raise UnknownMaterialError(
            f"Unknown fabric '{name}': choose one of {known}, or give a fabric file ending in .json."
        ) from None
