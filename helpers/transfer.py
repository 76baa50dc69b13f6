"""Choose an ImageNet-pretrained base network for transfer learning from the weights at hand.

A lesson names the bases it prefers, best first and cheapest last (``("mobilenet_v2",
"mobilenet_025")``). ``choose_base`` asks the data layer for each base's Keras weight file (a
staged copy, the cache, or a download when online) and returns the first base that has
weights; when none has, the last (cheapest) base with random weights: nothing would be
transferred by a bigger one either, and the cells run fastest. The choice is data: *which*
base and *which* weight file. The notebook itself makes the ``keras.applications`` call
(``keras.applications.MobileNetV2(input_shape=..., include_top=False, weights=choice.weights_argument)``)
and uses that module's ``preprocess_input``; ``BaseChoice.describe()`` says plainly which base
and weights were chosen and what that means for the accuracy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WeightFinder = Callable[[str], Path | None]


@dataclass(frozen=True)
class BaseSpec:
    """A ``keras.applications`` network usable as a headless base, and where its weights live."""

    key: str
    title: str
    application: str  # the keras.applications function that builds it (the notebook calls it)
    kwargs: dict[str, Any] = field(default_factory=dict)  # its arguments besides the shape and weights
    weight_pattern: str = ""  # Keras' no-top weight file name; "{size}" where it depends on the size
    weight_sizes: tuple[int, ...] = ()  # the input sizes Keras publishes weights for (empty: any)
    default_size: int = 224
    fine_tune_from: str = ""  # the first layer of the top blocks that fine-tuning unfreezes
    with_imagenet: str = ""  # what to expect on cats vs dogs with ImageNet weights, and why

    def weight_files(self, size: int) -> list[str]:
        """Return the weight files to look for at ``size``, best first (that size, then 224)."""
        if "{size}" not in self.weight_pattern:
            return [self.weight_pattern]
        sizes = [s for s in (size, 224) if s in self.weight_sizes]
        return [self.weight_pattern.format(size=s) for s in dict.fromkeys(sizes)]


BASES: dict[str, BaseSpec] = {
    spec.key: spec
    for spec in (
        BaseSpec(
            key="mobilenet_v2",
            title="MobileNetV2 (alpha 1.0)",
            application="MobileNetV2",
            kwargs={"alpha": 1.0},
            weight_pattern="mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_{size}_no_top.h5",
            weight_sizes=(96, 128, 160, 192, 224),
            default_size=160,
            fine_tune_from="block_13_expand",  # blocks 13-16 and the last 1x1 conv
            with_imagenet=("the course's full-mode target, a validation accuracy of at least 0.97 after "
                           "fine-tuning (TensorFlow's transfer-learning tutorial reports about 0.98 with the "
                           "same data and base)"),
        ),
        BaseSpec(
            key="mobilenet_025",
            title="MobileNet (alpha 0.25)",
            application="MobileNet",
            kwargs={"alpha": 0.25},
            weight_pattern="mobilenet_2_5_{size}_tf_no_top.h5",
            weight_sizes=(128, 160, 192, 224),
            default_size=160,
            fine_tune_from="conv_dw_12",  # the last two depthwise-separable blocks
            with_imagenet=("clearly less than MobileNetV2's: a network a tenth of its size, which gets "
                           "about half of ImageNet's pictures right (top-1) where MobileNetV2 gets about "
                           "seven in ten"),
        ),
        BaseSpec(
            key="vgg16",
            title="VGG16",
            application="VGG16",
            weight_pattern="vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
            default_size=160,
            fine_tune_from="block5_conv1",  # block 5
            with_imagenet=("good features, but slow on a CPU: many times MobileNetV2's multiplications "
                           "per picture (section 4.7 counts and times them)"),
        ),
    )
}


@dataclass(frozen=True)
class BaseChoice:
    """The base a lesson will use: which network, at what input size, with which weights."""

    spec: BaseSpec
    image_size: int
    weights: Path | None  # None: random initialisation
    looked_for: tuple[str, ...] = ()
    wanted: str | None = None  # the first preferred base, when this one is a fallback

    @property
    def key(self) -> str:
        """Return the base's key in ``BASES`` (``"mobilenet_v2"``), for the notebook's Keras call."""
        return self.spec.key

    @property
    def weights_argument(self) -> str | None:
        """Return what to pass as ``weights=`` to ``keras.applications``: the file's path, or None."""
        return str(self.weights) if self.weights is not None else None

    @property
    def pretrained(self) -> bool:
        """Return True when ImageNet weights were found."""
        return self.weights is not None

    @property
    def fine_tune_from(self) -> str:
        """Return the name of the first layer that fine-tuning unfreezes."""
        return self.spec.fine_tune_from

    def describe(self) -> str:
        """Say which base and weights are used, and what that means for the accuracy."""
        size = f"{self.image_size}x{self.image_size} px"
        wanted = BASES[self.wanted] if self.wanted and self.wanted != self.spec.key else None
        if self.pretrained:
            text = f"Base: {self.spec.title} at {size}, ImageNet weights from {self.weights}."
            if wanted:
                text += f" A fallback: no ImageNet weights for {wanted.title} were found."
            text += f" On cats vs dogs in full mode expect {self.spec.with_imagenet}."
            if wanted:
                text += f" With {wanted.title}'s ImageNet weights: {wanted.with_imagenet}."
            return text
        looked = ", ".join(self.looked_for) or "none"
        return (
            f"Base: {self.spec.title} at {size} with RANDOM weights: no ImageNet weight file was "
            f"found (looked for {looked}), so the notebook builds it with weights=None. Nothing is "
            "transferred: expect about chance (0.5 for two classes); the lesson's cells run, but the "
            "accuracy says nothing about transfer learning. Get the weights online, or stage them for "
            "an offline lab with `python -m helpers.data fetch weights`."
        )


def choose_base(
    preferred: Sequence[str] = ("mobilenet_v2", "mobilenet_025"),
    image_size: int | None = None,
    find: WeightFinder | None = None,
) -> BaseChoice:
    """Return the first preferred base whose ImageNet weights are available, else the last, random.

    ``image_size`` defaults to the first base's size; ``find`` maps a Keras weight file name to
    a local path or None (default: ``helpers.data.imagenet_weights``, which also downloads when
    online). A no-top weight file fits any input size, as Keras itself uses the 224 px file for
    sizes it has no file for.
    """
    if not preferred:
        raise ValueError("choose_base() needs at least one base name; known: " + ", ".join(BASES))
    unknown = [key for key in preferred if key not in BASES]
    if unknown:
        raise ValueError(f"Unknown base {', '.join(map(repr, unknown))}; known: {', '.join(BASES)}")
    if find is None:
        from helpers.data import imagenet_weights as find
    size = image_size or BASES[preferred[0]].default_size
    looked: list[str] = []
    for key in preferred:
        spec = BASES[key]
        for filename in spec.weight_files(size):
            looked.append(filename)
            path = find(filename)
            if path is not None:
                return BaseChoice(spec, size, Path(path), tuple(looked), wanted=preferred[0])
    return BaseChoice(BASES[preferred[-1]], size, None, tuple(looked), wanted=preferred[0])
