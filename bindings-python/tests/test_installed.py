"""The tests run against the installed wheel, never the source tree."""

from __future__ import annotations

import re
from pathlib import Path

import contact755
from contact755 import _native

from conftest import REPO


def test_package_is_the_installed_wheel_not_the_source_tree() -> None:
    source = (REPO / "bindings-python" / "python").resolve()
    installed = Path(contact755.__file__).resolve()
    assert source not in installed.parents, f"tests imported the source tree: {installed}"
    assert "site-packages" in installed.parts or "dist-packages" in installed.parts


def test_native_module_is_compiled_abi3() -> None:
    assert Path(_native.__file__).name.startswith("_native.")
    assert ".abi3." in Path(_native.__file__).name


def test_stubs_and_marker_are_installed() -> None:
    pkg = Path(contact755.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_native.pyi").exists()


def test_version_is_the_crate_version() -> None:
    cargo = (REPO / "Cargo.toml").read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', cargo, re.MULTILINE)
    assert match is not None
    assert contact755.__version__ == match.group(1)
