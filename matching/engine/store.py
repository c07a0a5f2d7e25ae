"""Index files: versions of an OpeningIndex's arrays that every process maps read-only.

A directory holds versions, each a directory of NumPy files (`<array>.npy`) and a manifest,
and a small pointer file (CURRENT) naming the version in service. A version is written in
full under a temporary name, renamed, and only then named in the pointer (replaced in one
`os.replace`), so a reader never sees half a version. A reader maps the arrays with
`mmap_mode="r"`: the pages are the operating system's page cache, shared by every process of
the machine, and a process pays only for what it keeps of its own. A reader notices a new
version by the pointer's inode and change time (one `stat`). A superseded version stays on disk
for a grace period, for a reader that read the pointer just before the switch; a reader that
has mapped a version keeps it even after its files are deleted.
"""

import contextlib
import datetime
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from .index import ENGINE_VERSION, OpeningIndex, _Columns, build_arrays
from .records import OpeningRecord
from .text import TextModel

FORMAT = 1
POINTER = "CURRENT"
MANIFEST = "manifest.json"
SUPERSEDED = ".superseded"  # its change time: when a newer version took this one's place
TEMPORARY = ".tmp-"
GRACE_SECONDS = 600.0


@dataclass(frozen=True)
class Version:
    """A version in service: `token` changes whenever the pointer is replaced."""

    token: tuple
    path: Path
    manifest: dict

    @property
    def name(self) -> str:
        return self.path.name


def pointer_token(directory: Path) -> tuple | None:
    """The pointer's identity (inode, change time, size), or None without one: one stat."""
    try:
        st = os.stat(Path(directory) / POINTER)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)


def current(directory: Path) -> Version | None:
    """The version the pointer names, with its manifest (None: no usable version)."""
    directory = Path(directory)
    for _attempt in range(3):  # the pointer may be replaced between the stat and the read
        token = pointer_token(directory)
        if token is None:
            return None
        try:
            name = (directory / POINTER).read_text().strip()
            manifest = json.loads((directory / name / MANIFEST).read_text())
        except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
            continue
        if token == pointer_token(directory):
            if manifest.get("format") != FORMAT or manifest.get("engine") != ENGINE_VERSION:
                return None  # written by another version of the engine: rebuild
            return Version(token, directory / name, manifest)
    return None


def write(
    directory: Path, records: Iterable[OpeningRecord], *, meta: dict | None = None
) -> Version:
    """Write a new version (not yet in service: see `publish`) from records (any iterable,
    read in chunks) and return it."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%f")
    name = f"v{stamp}-{os.getpid()}"
    tmp = directory / f"{TEMPORARY}{name}"
    tmp.mkdir()
    try:
        arrays, vocab, texts, _kept = build_arrays(records)
        terms, idf, by_term = texts.model().parts()
        encoded = [t.encode() for t in texts.rows]
        arrays["text_ptr"] = np.concatenate([[0], np.cumsum([len(b) for b in encoded])]).astype(
            np.int64
        )
        arrays["text_bytes"] = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        arrays["tx_ptr"] = by_term.indptr.astype(np.int64)
        arrays["tx_rows"] = by_term.indices.astype(np.int32)
        arrays["tx_data"] = by_term.data.astype(np.float64)
        arrays["tx_idf"] = idf
        for array_name, a in arrays.items():
            with open(tmp / f"{array_name}.npy", "wb") as fh:
                np.save(fh, np.ascontiguousarray(a), allow_pickle=False)
                fh.flush()
                os.fsync(fh.fileno())
        manifest = {
            "format": FORMAT,
            "engine": ENGINE_VERSION,
            "name": name,
            "n": int(arrays["ids"].shape[0]),
            "written_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "build_seconds": round(time.perf_counter() - started, 3),
            "bytes": int(sum(a.nbytes for a in arrays.values())),
            "arrays": sorted(arrays),
            "vocab": {key: columns.keys() for key, columns in vocab.items()},
            "terms": terms,
            **(meta or {}),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest))
        final = directory / name
        os.rename(tmp, final)
        _fsync_dir(directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Version((), final, manifest)


def publish(directory: Path, version: Version) -> None:
    """Put `version` in service: one atomic replace of the pointer."""
    directory = Path(directory)
    before = current(directory)
    tmp = directory / f"{TEMPORARY}{POINTER}-{os.getpid()}"
    with open(tmp, "w") as fh:
        fh.write(version.name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, directory / POINTER)
    _fsync_dir(directory)
    if before is not None and before.path != version.path:
        (before.path / SUPERSEDED).touch()


def cleanup(directory: Path, grace_seconds: float = GRACE_SECONDS) -> list[str]:
    """Delete versions superseded longer than `grace_seconds` ago (and temporary leftovers of
    a build that died); returns their names."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    now = time.time()
    serving = current(directory)
    removed = []
    for entry in directory.iterdir():
        if not entry.is_dir() or (serving is not None and entry == serving.path):
            continue
        if entry.name.startswith(TEMPORARY):
            since = entry.stat().st_mtime
            grace = max(grace_seconds, 3600.0)  # a build may take long
        else:
            marker = entry / SUPERSEDED
            if not marker.exists():
                marker.touch()  # superseded some time ago: count the grace from now
            since, grace = marker.stat().st_mtime, grace_seconds
        if now - since > grace:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def load(version: Version) -> OpeningIndex:
    """The version's index, every array mapped read-only (nothing is read until used)."""
    path, manifest = version.path, version.manifest
    # Plain read-only views of the maps: np.memmap's Python-level indexing costs microseconds
    # per slice, and a ranking slices a few hundred times.
    arrays = {
        name: np.asarray(np.load(path / f"{name}.npy", mmap_mode="r"))
        for name in manifest["arrays"]
    }
    n = int(manifest["n"])
    terms = manifest["terms"]
    by_term = sparse.csc_matrix(
        (arrays.pop("tx_data"), arrays.pop("tx_rows"), arrays.pop("tx_ptr")),
        shape=(n, len(terms)),
    )
    text = TextModel.restore(terms, arrays.pop("tx_idf"), by_term)
    text_ptr, text_bytes = arrays.pop("text_ptr"), arrays.pop("text_bytes")

    def text_of(row: int) -> str:
        return bytes(text_bytes[text_ptr[row] : text_ptr[row + 1]]).decode()

    vocab = {key: _Columns(keys) for key, keys in manifest["vocab"].items()}
    return OpeningIndex.from_arrays(arrays, vocab, text, text_of)


def mapped_bytes(version: Version) -> int:
    """The size of the version's files (what every process shares)."""
    return sum(f.stat().st_size for f in version.path.iterdir() if f.is_file())


@contextlib.contextmanager
def build_lock(directory: Path, wait: bool = True) -> Iterator[bool]:
    """One builder at a time per directory (a lock file); yields False when `wait` is off and
    another builder holds it."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".build.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
