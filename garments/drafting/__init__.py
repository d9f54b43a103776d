"""Drafters of the bundled pattern library: body measurements in, panels and seams out.

Not needed at run time (fitroom reads ``assets/patterns/*.json``); run
``python -m garments.drafting.library_build`` to rewrite the library.
"""

__all__: list[str] = []
