"""Layers the lecture needs that Keras does not ship, and the conv-BN-ReLU block the notebooks reuse."""

from __future__ import annotations

from typing import Any

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="course")
class DepthwiseMaxPool2D(keras.layers.Layer):
    """Max pooling across channels (깊이 방향 풀링): every ``pool_size`` channels become one.

    The tested copy of the ``Layer`` subclass that notebook 02 writes out (the lecture's way to
    get a layer Keras lacks); a test keeps the two identical, docstrings aside. It gives the
    same numbers as ``tf.nn.max_pool(x, ksize=(1, 1, 1, p), strides=(1, 1, 1, p),
    padding="VALID")``, which has no GPU kernel and is not a layer, but runs on any device and
    saves with a model. The number of channels must be a multiple of ``pool_size``.
    """

    def __init__(self, pool_size: int = 2, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(pool_size, int) or pool_size < 1:
            raise ValueError(f"pool_size must be a positive integer, got {pool_size!r}.")
        self.pool_size = pool_size

    def build(self, input_shape: tuple[int | None, ...]) -> None:
        if len(input_shape) != 4:
            raise ValueError(
                f"DepthwiseMaxPool2D expects 4D input (batch, height, width, channels), "
                f"got shape {input_shape}."
            )
        channels = input_shape[-1]
        if channels is None or channels % self.pool_size:
            raise ValueError(
                f"DepthwiseMaxPool2D(pool_size={self.pool_size}) needs a channel count that is a "
                f"multiple of {self.pool_size}; the input has {channels} channels."
            )
        super().build(input_shape)

    def call(self, inputs: Any) -> Any:
        shape = ops.shape(inputs)
        channels = inputs.shape[-1]
        grouped = ops.reshape(
            inputs, (-1, shape[1], shape[2], channels // self.pool_size, self.pool_size)
        )
        return ops.max(grouped, axis=-1)

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        return (*input_shape[:-1], input_shape[-1] // self.pool_size)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "pool_size": self.pool_size}


def conv_bn_relu(filters: int, kernel_size: int = 3) -> list[keras.layers.Layer]:
    """A convolution, batch normalisation, then ReLU: the block of the notebooks' improved models.

    The convolution has no bias: batch normalisation's own shift (beta) does that job. Momentum
    0.9 lets the running averages settle within a few dozen steps, so a short quick-mode run
    evaluates sensibly too. Returns the three layers, to splice into a ``Sequential`` list.
    """
    return [
        keras.layers.Conv2D(filters, kernel_size, padding="same", use_bias=False),
        keras.layers.BatchNormalization(momentum=0.9),
        keras.layers.Activation("relu"),
    ]
