"""Atomic save: temporary file beside the target, fsync, rename; the old file stays whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from orgeditor.cli import main
from orgeditor.document import Document
from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile import atomic_write, dumps, load, save
from orgeditor.samples import sample_org

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "org.orgchart"
    save(sample_org(), path)
    return path


def edited() -> Document:
    doc = Document(sample_org())
    doc.rename("person", "p19", "Ada Park")
    return doc


def test_save_writes_the_text_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "new.orgchart"
    save(sample_org(), path)
    assert path.read_text(encoding="utf-8") == dumps(sample_org())
    assert os.listdir(tmp_path) == ["new.orgchart"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_save_keeps_the_permissions_of_the_file_it_replaces(saved: Path) -> None:
    saved.chmod(0o600)
    edited().save(saved)
    assert saved.stat().st_mode & 0o777 == 0o600
    assert load(saved).people["p19"].name == "Ada Park"


def test_save_uses_fsync_and_rename(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: Path) -> None:
        calls.append("replace from the same folder" if Path(src).parent == dst.parent else "?")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    edited().save(saved)
    assert calls[:2] == ["fsync", "replace from the same folder"]


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("replace", OSError(18, "Invalid cross-device link")),
        ("fsync", OSError(28, "No space left on device")),
        ("mkstemp", PermissionError(13, "Permission denied")),
    ],
)
def test_failing_save_keeps_the_old_file_whole(
    saved: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError
) -> None:
    before = saved.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    target = {"replace": os, "fsync": os, "mkstemp": tempfile}[where]
    monkeypatch.setattr(target, where, fail)
    doc = Document.open(saved)
    doc.rename("person", "p19", "Ada Park")
    with pytest.raises(OrgFileError) as err:
        doc.save()
    monkeypatch.undo()
    assert str(err.value) == f"{saved}: cannot write the file: {error.strerror}"
    assert saved.read_bytes() == before
    assert os.listdir(saved.parent) == [saved.name]  # no temporary file left behind
    assert doc.is_modified  # the edit is still unsaved
    assert doc.path == saved


def test_failing_save_as_keeps_the_document_path(saved: Path, tmp_path: Path) -> None:
    doc = Document.open(saved)
    doc.rename("person", "p19", "Ada Park")
    with pytest.raises(OrgFileError, match="cannot write the file"):
        doc.save(tmp_path / "no such folder" / "x.orgchart")
    assert doc.path == saved and doc.is_modified


def test_save_onto_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "taken.orgchart"
    folder.mkdir()
    with pytest.raises(OrgFileError, match="is a folder, not a file"):
        save(sample_org(), folder)
    assert folder.is_dir() and os.listdir(tmp_path) == ["taken.orgchart"]


@pytest.mark.skipif(IS_ROOT, reason="root may write into read-only folders")
def test_read_only_folder_real(saved: Path) -> None:
    before = saved.read_bytes()
    saved.parent.chmod(0o555)
    try:
        with pytest.raises(OrgFileError, match="Permission denied"):
            edited().save(saved)
    finally:
        saved.parent.chmod(0o755)
    assert saved.read_bytes() == before


def test_read_only_folder(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a read-only folder does to a save, even when the tests run as root."""
    before = saved.read_bytes()
    real_mkstemp = tempfile.mkstemp

    def read_only(*args: object, dir: str | os.PathLike[str] | None = None, **kw: object) -> object:
        if dir is not None and Path(dir) == saved.parent:
            raise PermissionError(13, "Permission denied", str(dir))
        return real_mkstemp(*args, dir=dir, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(OrgFileError) as err:
        edited().save(saved)
    assert str(err.value) == f"{saved}: cannot write the file: Permission denied"
    assert saved.read_bytes() == before


def test_atomic_write_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    atomic_write(Path("plain.txt"), b"hello\n")
    assert (tmp_path / "plain.txt").read_bytes() == b"hello\n"


def test_sample_command_into_a_missing_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "s.orgchart"
    with pytest.raises(SystemExit) as exit_info:
        main(["sample", "-o", str(target)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"orgeditor: {target}: cannot write the file")
    assert not target.parent.exists()
