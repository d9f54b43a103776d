"""Where cloth meets the body and itself: the body's signed distance grid (build, tracking of a moving
body, pseudonormals, sampling), self-contact candidate lists and the worker that builds them ahead, and
the count of self-intersecting triangles."""
