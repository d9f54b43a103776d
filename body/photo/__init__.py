"""Bodies from photos, one stage a module, and the benchmark that measures them.

Stages, in the order a photo goes through them: :mod:`body.photo.input` (read the file, upright),
:mod:`body.photo.landmarks` (find the person: BlazePose landmarks and mask), :mod:`body.photo.targets`
(what the fit matches: keypoints, outline, the space outside the mask; :mod:`body.photo.colours` tells
skin from clothes, and reads the skin and hair colours the avatar wears), :mod:`body.photo.fit`
(shape, pose and a camera per photo, with :mod:`body.photo.camera`, :mod:`body.photo.contour` and
:mod:`body.photo.skinning`), :mod:`body.photo.overlay` (pictures of the fit) and
:mod:`body.photo.estimate`, which runs them all. :mod:`body.photo.errors` holds the errors
a photo can cause. The benchmark: :mod:`body.photo.conditions` (the random ways photos get taken),
:mod:`body.photo.paint` (painted hair and tight clothes), :mod:`body.photo.render` (synthetic
photos) and :mod:`body.photo.bench`.

Importing this package loads none of them.
"""

__all__: list[str] = []
