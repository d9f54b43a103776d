"""A lean forward pass of the body model for fitting.

Fitting evaluates the model a few hundred times. ``smplx`` multiplies the pose-corrective blend shapes
(207 x 3V) even when they are zero, as in fitroom's default model; the fit does not need them.
:class:`LeanSkinning` applies the same linear blend skinning (Loper et al. 2015, eq. 1-4) without them.
"""

__all__ = ["LeanSkinning"]


class LeanSkinning:
    """Linear blend skinning of an SMPL-layout ``BodyModel`` without pose-corrective blend shapes.

    Models of other layouts (SMPL-H, SMPL-X) go through ``BodyModel.forward``.

    Parameters
    ----------
    model : body.model.BodyModel
    """

    def __init__(self, model):
        import torch

        self.model = model
        layer = model.layer
        count = model.shape_count
        self.template = layer.v_template.detach()
        self.shapedirs = layer.shapedirs.detach()[:, :, :count]
        regressor = layer.J_regressor.detach()
        self.joint_template = regressor @ self.template
        self.joint_shapedirs = torch.einsum("jv,vck->jck", regressor, self.shapedirs)
        self.weights = layer.lbs_weights.detach()
        self.parents = layer.parents
        self.smpl_layout = model.layout == "smpl" and regressor.shape[0] == 24

    def forward(self, betas, pose):
        """Posed mesh, differentiable in ``betas`` and ``pose``.

        Parameters
        ----------
        betas : (B, K) tensor
        pose : (B, 72) tensor
            SMPL axis-angle pose, radians.

        Returns
        -------
        vertices : (B, V, 3) tensor
            Metres, the model's own origin.
        joints : (B, 24, 3) tensor
        """
        import torch
        from smplx.lbs import batch_rigid_transform, batch_rodrigues

        if not self.smpl_layout:
            return self.model.forward(betas, pose)
        batch = pose.shape[0]
        shaped = self.template + torch.einsum("bk,vck->bvc", betas, self.shapedirs)
        rest_joints = self.joint_template + torch.einsum("bk,jck->bjc", betas, self.joint_shapedirs)
        rotation_matrices = batch_rodrigues(pose.reshape(-1, 3)).reshape(batch, 24, 3, 3)
        joints, transforms = batch_rigid_transform(rotation_matrices, rest_joints, self.parents)
        blended = torch.einsum("vj,bjrc->bvrc", self.weights, transforms)
        vertices = (blended[..., :3, :3] @ shaped[..., None])[..., 0] + blended[..., :3, 3]
        return vertices, joints
