"""Take the network away from the current process (the query workers call this before anything else).

pyoxigraph evaluates ``SERVICE`` clauses by calling other servers itself, and offers no switch to
turn that off. The service refuses such queries before they reach the engine; this is the second
wall: a query worker cannot open a network connection at all, whatever the query says.

Two ways, tried in order:

* ``netns``: a new, empty network namespace (``unshare(CLONE_NEWNET)``, as root, or together with a
  new user namespace where unprivileged user namespaces are allowed). Only a down loopback is left.
* ``seccomp``: a seccomp filter that makes ``socket()`` fail for every family but ``AF_UNIX``
  (x86-64 and AArch64). Needs no privilege.

Existing file descriptors (the pipe to the parent process) keep working in both.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import socket
import struct

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
# (audit arch, socket syscall number) by machine
_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198), "arm64": (0xC00000B7, 198)}


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _unshare(flags: int) -> bool:
    libc = _libc()
    if not hasattr(libc, "unshare"):
        return False
    return libc.unshare(ctypes.c_int(flags)) == 0


def _seccomp_no_inet() -> bool:
    arch = _ARCH.get(platform.machine())
    if arch is None:
        return False
    audit_arch, nr_socket = arch

    def ins(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    ld_abs, jeq, ret = 0x20, 0x15, 0x06
    prog = b"".join([
        ins(ld_abs, 0, 0, 4),                       # 0: A = arch
        ins(jeq, 1, 0, audit_arch),                 # 1: our arch? go to 3
        ins(ret, 0, 0, _SECCOMP_RET_ALLOW),         # 2: other ABI: allow (nothing of ours runs there)
        ins(ld_abs, 0, 0, 0),                       # 3: A = syscall number
        ins(jeq, 0, 3, nr_socket),                  # 4: socket()? else go to 8
        ins(ld_abs, 0, 0, 16),                      # 5: A = first argument (address family)
        ins(jeq, 1, 0, socket.AF_UNIX),             # 6: AF_UNIX? go to 8
        ins(ret, 0, 0, _SECCOMP_RET_ERRNO | errno.EACCES),  # 7: any other family: EACCES
        ins(ret, 0, 0, _SECCOMP_RET_ALLOW),         # 8: allow
    ])
    count = len(prog) // 8
    buf = ctypes.create_string_buffer(prog, len(prog))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(count, ctypes.cast(buf, ctypes.c_void_p))
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


def network_works() -> bool:
    """Whether this process can still create an internet socket."""
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except OSError:
        return False
    return True


def deny_network(methods: tuple[str, ...] = ("netns", "seccomp")) -> str | None:
    """Cut this process off the network; the name of the way that worked, or None if none did."""
    if os.name != "posix" or platform.system() != "Linux":
        return None
    for m in methods:
        if m == "netns" and (_unshare(CLONE_NEWNET) or _unshare(CLONE_NEWUSER | CLONE_NEWNET)):
            return "netns"
        if m == "seccomp" and _seccomp_no_inet() and not network_works():
            return "seccomp"
    return None
