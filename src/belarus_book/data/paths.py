"""Every path the project uses, derived from one root: the folder that holds ``src/``.

The build and the tests pass an explicit root when they work on a copy of the project.
"""

from __future__ import annotations

from pathlib import Path

DATA_LAYER_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = DATA_LAYER_DIR.parent
PROJECT_ROOT = PACKAGE_DIR.parents[1]
DATA_DIR = PROJECT_ROOT / "data"
