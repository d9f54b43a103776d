"""Clothes for the photo benchmark: the bundled T-shirt two sizes up, sewn and draped on each person.

People are photographed in clothes, and a mask that includes a loose shirt must not be read as body.
This dresses a benchmark person the way a shopper might come to the photo: in a T-shirt two sizes larger
than their chest calls for (women's or men's cut), draped by the solver on their posed body.
"""

from fitroom.size_chart import chart_sizes, size_chart

__all__ = ["dress_in_tshirt", "SHIRT_RGB", "SIZES_UP"]

# A mid-blue cotton shirt (sRGB 0-255), far from every skin tone of the benchmark.
SHIRT_RGB = (40, 70, 120)


# How many sizes larger than their chest calls for people wear a loose T-shirt (issue 15).
SIZES_UP = 2


def _loose_size(chart: str, chest_cm: float) -> str:
    """The size ``SIZES_UP`` after the one of ``chart`` whose chest band holds ``chest_cm`` (the largest
    at the ends)."""
    sizes = chart_sizes()
    table = size_chart()[chart]
    fitting = next((i for i, size in enumerate(sizes) if chest_cm <= table[size]["chest"][1]), len(sizes) - 1)
    return sizes[min(fitting + SIZES_UP, len(sizes) - 1)]


def dress_in_tshirt(body) -> list[tuple]:
    """The draped T-shirt for ``body`` (a posed ``Body``) as ``[(vertices (V, 3) m, faces (F, 3), rgb)]``."""
    from viewer.size_drape import start_drape

    women = body.gender != "male"
    size = _loose_size("women" if women else "men", body.measurements_cm["chest"])
    shirt, drape = start_drape(body, "tshirt" if women else "tshirt_men", size)
    try:
        draped = drape.run(max_frames=300)
    finally:
        drape.close()
    return [(draped.positions, shirt.faces, SHIRT_RGB)]
