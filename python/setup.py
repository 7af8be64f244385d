"""pip install ./python: the rawi package, built against an installed
rawi library (make install, or cmake --install BUILD --prefix DIR), which
pkg-config finds (set PKG_CONFIG_PATH=DIR/lib/pkgconfig for another
prefix). Offline, with Debian's packages only:

    python3 -m venv --system-site-packages /tmp/venv
    /tmp/venv/bin/pip install --no-build-isolation ./python

The CMake build (the python target) builds the same package without pip;
see docs/python.md.
"""
import subprocess

from setuptools import Extension, setup


def pkg_config(*args):
    try:
        out = subprocess.run(["pkg-config", *args, "rawi"], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit("rawi: pkg-config does not find rawi: install the "
                         "library first (make install), or set "
                         "PKG_CONFIG_PATH=PREFIX/lib/pkgconfig")
    return out.split()


cflags = pkg_config("--cflags")
libs = pkg_config("--libs")
libdirs = [f[2:] for f in libs if f.startswith("-L")]
version = pkg_config("--modversion")[0]

setup(
    name="rawi",
    version=version,
    description="Named-entity and relation extraction for Arabic and "
                "English news (Python binding of the rawi C library)",
    license="MIT",
    packages=["rawi"],
    ext_modules=[Extension(
        "rawi._rawi", ["rawi/_rawi.c"],
        include_dirs=[f[2:] for f in cflags if f.startswith("-I")],
        library_dirs=libdirs,
        libraries=[f[2:] for f in libs if f.startswith("-l")],
        # the installed librawi.so, found at run time where it was linked
        runtime_library_dirs=libdirs)],
    python_requires=">=3.9",
)
