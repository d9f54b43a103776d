"""A lean forward pass of the body model for fitting: a subset of the vertices, their normals, no waste.

Fitting evaluates the model a few hundred times. ``smplx`` poses every vertex and multiplies the
pose-corrective blend shapes (207 x 3V) even when they are zero, as in fitroom's default model; the fit
needs neither. :class:`SkinnedSubset` applies the same linear blend skinning (Loper et al. 2015, eq. 1-4)
to every ``stride``-th vertex plus the landmark vertices, with joints regressed exactly from the full
shape, and also returns each vertex's skinning rotation so normals can follow the pose.
"""

import numpy as np

from fitroom.mesh_normals import vertex_normals

__all__ = ["SkinnedSubset"]


class SkinnedSubset:
    """Linear blend skinning of a vertex subset of an SMPL-layout ``BodyModel``.

    Models of other layouts (SMPL-H, SMPL-X) go through ``BodyModel.forward`` and keep their rest
    normals, which only serve to pick silhouette-rim candidates.

    Parameters
    ----------
    model : body.model.BodyModel
    keep : sequence of int
        Vertex indices that must be in the subset (landmarks).
    stride : int
        Keep every ``stride``-th vertex besides ``keep``.

    Attributes
    ----------
    vertex_ids : (S,) int64
        The subset, indices into the full mesh.
    """

    def __init__(self, model, keep=(), stride=3):
        import torch

        self.model = model
        layer = model.layer
        self.vertex_ids = np.unique(
            np.concatenate([np.arange(0, model.vertex_count, stride), np.asarray(keep, dtype=np.int64)])
        )
        ids = torch.as_tensor(self.vertex_ids)
        count = model.shape_count
        template = layer.v_template.detach()
        shapedirs = layer.shapedirs.detach()[:, :, :count]
        self.template = template[ids]
        self.shapedirs = shapedirs[ids]
        regressor = layer.J_regressor.detach()
        self.joint_template = regressor @ template
        self.joint_shapedirs = torch.einsum("jv,vck->jck", regressor, shapedirs)
        self.weights = layer.lbs_weights.detach()[ids]
        self.parents = layer.parents
        self.smpl_layout = model.layout == "smpl" and regressor.shape[0] == 24
        self.rest_normals = torch.as_tensor(
            vertex_normals(template.numpy().astype(np.float64), model.faces.astype(np.int64)),
            dtype=torch.float32,
        )[ids]

    def index_of(self, vertex: int) -> int:
        """Position in the subset of full-mesh vertex ``vertex`` (which must be kept)."""
        return int(np.searchsorted(self.vertex_ids, vertex))

    def forward(self, betas, pose):
        """Posed subset, differentiable in ``betas`` and ``pose``.

        Parameters
        ----------
        betas : (B, K) tensor
        pose : (B, 72) tensor
            SMPL axis-angle pose, radians.

        Returns
        -------
        vertices : (B, S, 3) tensor
            Metres, the model's own origin.
        joints : (B, 24, 3) tensor
        rotations : (B, S, 3, 3) tensor
            Each vertex's blended skinning rotation (identity for non-SMPL layouts).
        """
        import torch
        from smplx.lbs import batch_rigid_transform, batch_rodrigues

        batch = pose.shape[0]
        if not self.smpl_layout:
            vertices, joints = self.model.forward(betas, pose)
            vertices = vertices[:, torch.as_tensor(self.vertex_ids)]
            rotations = torch.eye(3).expand(batch, vertices.shape[1], 3, 3)
            return vertices, joints, rotations
        shaped = self.template + torch.einsum("bk,vck->bvc", betas, self.shapedirs)
        rest_joints = self.joint_template + torch.einsum("bk,jck->bjc", betas, self.joint_shapedirs)
        rotation_matrices = batch_rodrigues(pose.reshape(-1, 3)).reshape(batch, 24, 3, 3)
        joints, transforms = batch_rigid_transform(rotation_matrices, rest_joints, self.parents)
        blended = torch.einsum("vj,bjrc->bvrc", self.weights, transforms)
        vertices = (blended[..., :3, :3] @ shaped[..., None])[..., 0] + blended[..., :3, 3]
        return vertices, joints, blended[..., :3, :3]
