"""Moving what another process built in a folder of its own into the site (the materials, the
languages built by the second process): nothing both write can collide, and nothing is half-moved
into view of another step, since every file and folder arrives by rename."""
from __future__ import annotations

import os
from pathlib import Path


def move_tree(source: Path, target: Path) -> None:
    """Move everything in `source` to the same place under `target`; folders that exist in both
    are merged, a file that exists in both is replaced. A folder the target lacks is moved whole,
    in one rename (a language's or a municipality's thousands of files). `source` itself stays,
    empty or with emptied folders."""
    if not source.is_dir():
        raise RuntimeError(f"{source} was not written: the process that builds it stopped early")
    for folder, subfolders, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.replace(Path(folder) / name, destination / name)
        merged = []
        for name in subfolders:
            if (destination / name).exists():
                merged.append(name)  # walked into next: its files are merged one by one
            else:
                os.rename(Path(folder) / name, destination / name)
        subfolders[:] = merged
