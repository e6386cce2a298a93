"""The one C extension (everything else is in pyproject.toml): PDFium's page loops without a ctypes call
per character (`pipeline/readers/_pdfium_loops.c` says why). Optional: when it does not build, the
reader uses the same loops through ctypes (`pipeline.readers.pdfium`)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "pipeline.readers._pdfium_loops",
            ["pipeline/readers/_pdfium_loops.c"],
            # no fused multiply-add: the matrix products must round exactly as Python's do
            libraries=["z"],  # zlib: check_inflation counts inflated bytes without keeping them
            extra_compile_args=["-O2", "-ffp-contract=off"],
            optional=True,
        )
    ]
)
