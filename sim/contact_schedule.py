"""When a drape's self-contact lists are rebuilt, and where: here, ahead of time, or in a worker process.

The lists are rebuilt when the cloth may have moved, since they were built, further than their margin
covers (twice the last frame's largest step ahead). A rebuild uses the lists for the previous frame's
start when they were asked for (one frame older, which only matters while the cloth moves further in
a frame than the lists reach: the first frames of sewing, where lists built at the frame's start fall
short as well), else lists built now. This frame's start is asked for unless the lists in use will
still cover two more frames.

The schedule is the same with and without a contact worker: the worker builds the asked-for lists on
the second core while the frame runs; without one, the positions are kept and the lists built from
them here, only when they are used. Either way the drape is the same.
"""

import warnings

import numpy as np

from sim.collision.contact_worker import ContactWorker
from sim.state import State

__all__ = ["ContactSchedule"]


class ContactSchedule:
    """The self-contact lists of one drape and the schedule that keeps them covering each frame.

    Parameters
    ----------
    solver : sim.solver_xpbd.SolverXPBD
    model : sim.Model
    positions : (V, 3) float32
        The garment as placed, m.
    use_worker : bool
        Build the lists ahead in a second process (:mod:`sim.collision.contact_worker`).

    Attributes
    ----------
    contacts : sim.collision.self_contacts.SelfContacts
    counts : dict
        How many times the lists were ``built_here``, ``built_ahead`` and taken ``from_worker``.
    worker : ContactWorker or None
    """

    def __init__(self, solver, model, positions, use_worker: bool):
        self.solver = solver
        self.margin = 0.25 * model.max_edge
        self.contacts = solver.make_contacts(model.thickness + self.margin)
        self.drift = np.inf
        self.last_largest_step = 0.0
        self.counts = {"built_here": 0, "built_ahead": 0, "from_worker": 0}
        # Without a worker: the frame start whose lists were asked for, kept until the next frame.
        self._asked_start = State(positions)
        self._asked_here = False
        self._uploaded = None
        self.worker = ContactWorker(self.contacts) if use_worker else None

    def moved(self, largest_step: float) -> None:
        """Record the largest step (m) a vertex took in the frame just run."""
        self.last_largest_step = largest_step
        self.drift += largest_step

    def refresh(self, state) -> None:
        """Keep the lists covering the frame about to run from ``state`` (a :class:`sim.State`)."""
        margin, step = self.margin, self.last_largest_step
        ahead = None
        asked_here, self._asked_here = self._asked_here, False
        if self.worker is not None and self.worker.waiting:
            try:
                ahead = self.worker.receive()
            except (EOFError, OSError):
                self._lose_worker()
        if self.drift + 2.0 * step > margin:
            # Lists a frame old are used only while the cloth moves less than half the margin a frame;
            # faster, they miss contacts that then come back deep (the XL T-shirt at 1 cm edges took
            # 520 frames to rest without this rule, 188 with it; at a third, 181 frames but every
            # list of a moving drape built here, 44 % longer to rest).
            if 2.0 * step > margin:
                ahead, asked_here = None, False
            if ahead is not None:
                # In a settling drape the lists often come back unchanged; they are then not copied.
                if self._uploaded is None or not all(map(np.array_equal, ahead, self._uploaded)):
                    self.contacts.upload(ahead)
                    self._uploaded = ahead
                self.drift = step
                self.counts["from_worker"] += 1
            elif asked_here:
                self.solver.collide(self._asked_start, self.contacts)
                self._uploaded = None
                self.drift = step
                self.counts["built_ahead"] += 1
            else:
                self.solver.collide(state, self.contacts)
                self._uploaded = None
                self.drift = 0.0
                self.counts["built_here"] += 1
        if self.drift + 5.0 * step > margin:
            if self.worker is None:
                self._asked_start.positions.copy_from(state.positions)
                self._asked_here = True
                return
            try:
                self.worker.send(state.positions_numpy())
            except OSError:
                self._lose_worker()

    def _lose_worker(self) -> None:
        """The worker process died (killed, out of memory): build the lists here from now on."""
        warnings.warn("fitroom's self-contact worker stopped; the drape goes on without it", stacklevel=3)
        self.worker.close()
        self.worker = None

    def close(self) -> None:
        """Stop the worker, if any."""
        if self.worker is not None:
            self.worker.close()
