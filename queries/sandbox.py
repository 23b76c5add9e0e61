"""Take the network away from a process that runs query text: no socket can be made or connected.

The safety check (queries/safety.py) reads a query with rdflib's parser, but Oxigraph's parser is
the one that runs it; wherever the two disagree (and SPARQL's lexical corners give them room),
the check and the engine would see different queries. So the processes that evaluate query text
(the child of `govgraph sparql` / `query run`, the workers of `govgraph serve`) first install a
seccomp filter: from then on the kernel answers ``socket``, ``socketpair``, ``connect`` and
``io_uring_setup`` with EACCES, for every thread that process will ever have. Oxigraph's SERVICE
client (and its name lookups) then fail with an error instead of reaching anything, whatever the
query text says. Those processes talk to their parent only through pipes made before the filter.

Linux on x86-64 and ARM64 only; elsewhere ``deny_network()`` returns False and the parsed-query
check is the only guard (docs/queries.md says so).
"""
from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

# (audit arch, seccomp syscall number, the syscalls to refuse)
_ARCHES = {
    "x86_64": (0xC000003E, 317, {"socket": 41, "connect": 42, "socketpair": 53, "io_uring_setup": 425}),
    "aarch64": (0xC00000B7, 277, {"socket": 198, "socketpair": 199, "connect": 203, "io_uring_setup": 425}),
}
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_X32_BIT = 0x40000000  # x86-64's x32 ABI: a second way in to the same syscalls, refused whole
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC = 1, 1


class _Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _program(arch: int, numbers: list[int], x32: bool) -> bytes:
    """The BPF filter: a foreign architecture or a refused syscall gets EACCES, the rest run."""
    deny = _ERRNO | errno.EACCES
    ops: list[tuple[int, int, int, int]] = [(_LD_W_ABS, 0, 0, 4)]  # seccomp_data.arch
    ops.append((_JEQ_K, 1, 0, arch))
    ops.append((_RET_K, 0, 0, deny))
    ops.append((_LD_W_ABS, 0, 0, 0))  # seccomp_data.nr
    if x32:
        ops.append((_JGE_K, 0, 1, _X32_BIT))
        ops.append((_RET_K, 0, 0, deny))
    for number in numbers:
        ops.append((_JEQ_K, 0, 1, number))
        ops.append((_RET_K, 0, 0, deny))
    ops.append((_RET_K, 0, 0, _ALLOW))
    return b"".join(struct.pack("HBBI", code, jt, jf, k) for code, jt, jf, k in ops)


_installed = False


def deny_network() -> bool:
    """Refuse every new socket and connection in this process from now on; True if in force."""
    global _installed
    if _installed:
        return True
    machine = platform.machine().lower()
    if not sys.platform.startswith("linux") or machine not in _ARCHES:
        return False
    arch, seccomp_nr, numbers = _ARCHES[machine]
    libc = ctypes.CDLL(None, use_errno=True)
    code = _program(arch, sorted(numbers.values()), x32=machine == "x86_64")
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _Fprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    done = libc.syscall(seccomp_nr, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(prog)) == 0
    if not done:  # kernels before 3.17 have only the prctl form (this thread and its future children)
        done = libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0
    _installed = done
    return done

