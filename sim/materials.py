"""Fabric presets in physical units, from published measurements.

Stretch and shear stiffness, density and bending stiffness are the small-strain values that Wang,
O'Brien and Ramamoorthi measured ("Data-driven elastic models for cloth: modeling and measurement",
ACM Transactions on Graphics 30(4), 2011), as distributed with the ARCSim simulator: the first row
``[k11, k12, k22, k33]`` of each material file's ``stretching`` table (N/m, warp / Poisson / weft /
shear) and the first ``bending`` sample (N·m). The measured fabrics stiffen with strain; fitroom uses the
small-strain values as linear stiffnesses, so a garment stretched far (more than about 10 %) reads
softer than the real fabric would.

Friction against skin: Derler and Gerhardt ("Tribology of skin: review and analysis of experimental
results for the friction coefficient of human skin", Tribology Letters 45, 2012) report textile-on-skin
coefficients between about 0.2 and 0.7; smooth synthetics sit low, napped cotton knits higher.
Thickness is the fabric's typical caliper, not part of the Wang et al. data.
"""

from dataclasses import dataclass

from sim.errors import UnknownMaterialError

__all__ = ["Material", "MATERIALS", "material_preset"]


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
        Stretch stiffness along the warp (lengthwise grain), N/m.
    stretch_weft_n_m : float
        Stretch stiffness along the weft (crosswise grain), N/m.
    shear_n_m : float
        In-plane shear stiffness, N/m.
    bending_n_m : float
        Bending stiffness, N·m.
    friction : float
        Coulomb friction coefficient against skin.
    thickness_m : float
        Fabric thickness, m.
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
    source: str


_WANG_2011 = "Wang, O'Brien & Ramamoorthi 2011, ARCSim material"

MATERIALS: dict[str, Material] = {
    material.name: material
    for material in (
        Material(
            "cotton_jersey", 0.187, 16.6, 34.5, 36.9, 23.2e-6, 0.5, 0.6e-3, f"{_WANG_2011} gray-interlock"
        ),
        Material("rib_knit", 0.276, 42.9, 65.2, 83.2, 46.2e-6, 0.5, 1.0e-3, f"{_WANG_2011} ivory-rib-knit"),
        Material(
            "denim", 0.324, 205.0, 1014.0, 53.0, 64.2e-6, 0.45, 0.8e-3, f"{_WANG_2011} 11oz-black-denim"
        ),
        Material(
            "ponte_knit", 0.284, 31.1, 44.0, 31.9, 36.3e-6, 0.4, 1.0e-3, f"{_WANG_2011} camel-ponte-roma"
        ),
        Material(
            "swim_stretch", 0.204, 48.0, 104.6, 60.8, 60.2e-6, 0.3, 0.5e-3, f"{_WANG_2011} white-swim-solid"
        ),
        # The lightest woven Wang et al. measured (100 % polyester plain weave, 128 g/m²) stands in for
        # shirting: a stiff-in-plane, low-shear light woven.
        Material(
            "shirting", 0.128, 2002.1, 2027.5, 19.2, 51.7e-6, 0.3, 0.3e-3, f"{_WANG_2011} white-dots-on-blk"
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
        raise UnknownMaterialError(f"Unknown fabric '{name}': choose one of {known}.") from None
