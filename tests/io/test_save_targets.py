"""Targets that are not ours to replace, permissions, and temporary files (issue 17)."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from orgeditor.io.atomic import atomic_write, check_target, clean_stale_temporaries
from orgeditor.io.errors import OrgFileError
from orgeditor.io.orgfile import dumps, save
from orgeditor.samples import sample_org

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgeditor", *args],
        capture_output=True, text=True, cwd=cwd, timeout=120,
    )


def test_a_fifo_is_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.orgchart"
    os.mkfifo(fifo)
    r = run_cli("sample", "-o", str(fifo))
    assert r.returncode == 2
    assert r.stderr == (
        f"orgeditor: {fifo}: is a named pipe (FIFO), not a file: choose a file name to write\n"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe.orgchart"]


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root")
def test_a_device_node_of_our_own_is_refused(tmp_path: Path) -> None:
    dev = tmp_path / "full"
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 7))  # like /dev/full, in our folder
    r = run_cli("sample", "-o", str(dev))
    assert r.returncode == 2 and "is a device, not a file" in r.stderr
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert os.listdir(tmp_path) == ["full"]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.orgchart"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with pytest.raises(OrgFileError, match="is a socket, not a file"):
            save(sample_org(), path)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        sock.close()


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.orgchart"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.orgchart"
    link.symlink_to("real.orgchart")
    save(sample_org(), link)
    assert link.is_symlink() and os.readlink(link) == "real.orgchart"
    assert real.read_text(encoding="utf-8") == dumps(sample_org())
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.orgchart", "real.orgchart"]


def test_a_dangling_link_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.orgchart"
    link.symlink_to("made.orgchart")
    save(sample_org(), link)
    assert link.is_symlink() and (tmp_path / "made.orgchart").is_file()


def test_a_read_only_file_is_refused_unless_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "ro.orgchart"
    path.write_text("old\n")
    path.chmod(0o444)
    with pytest.raises(OrgFileError, match="is read-only"):
        save(sample_org(), path)
    assert path.read_text() == "old\n"
    atomic_write(path, b"new\n", overwrite_read_only=True)
    assert path.read_bytes() == b"new\n"
    assert path.stat().st_mode & 0o777 == 0o444


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        save(sample_org(), tmp_path / "private.orgchart")
    finally:
        os.umask(old)
    assert (tmp_path / "private.orgchart").stat().st_mode & 0o777 == 0o600


def test_an_explicit_mode_wins(tmp_path: Path) -> None:
    atomic_write(tmp_path / "r.orgchart", b"x", mode=0o600)
    assert (tmp_path / "r.orgchart").stat().st_mode & 0o777 == 0o600


def test_stale_temporaries_are_cleaned_on_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "org.orgchart"
    save(sample_org(), path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = tmp_path / f".org.orgchart.{dead.stdout.strip()}-abc123.tmp"
    stale.write_bytes(b"half")
    legacy = tmp_path / ".org.orgchart.k2j3h4g5.tmp"
    legacy.write_bytes(b"half")
    os.utime(legacy, (1, 1))
    live = tmp_path / f".org.orgchart.{os.getppid()}-abc123.tmp"  # a live process's
    live.write_bytes(b"busy")
    other = tmp_path / ".other.orgchart.1-abc.tmp"  # another file's: not ours to clean
    other.write_bytes(b"x")
    save(sample_org(), path)
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["org.orgchart", live.name, other.name]
    )


def test_clean_never_touches_special_files(tmp_path: Path) -> None:
    path = tmp_path / "org.orgchart"
    os.mkfifo(tmp_path / ".org.orgchart.1-abc.tmp")
    assert clean_stale_temporaries(path, now=1e12) == []


def test_import_refuses_to_overwrite_its_own_input(tmp_path: Path) -> None:
    src = tmp_path / "people.csv"
    src.write_text("id,name,manager\n1,Maya Chen,\n2,Ada Park,1\n", encoding="utf-8")
    before = src.read_bytes()
    r = run_cli("import", str(src), "-o", str(src))
    assert r.returncode == 2
    assert "is the file being imported" in r.stderr and r.stderr.count("\n") == 1
    assert src.read_bytes() == before


def test_check_target_of_a_plain_new_path(tmp_path: Path) -> None:
    assert check_target(tmp_path / "new.orgchart") == tmp_path / "new.orgchart"
