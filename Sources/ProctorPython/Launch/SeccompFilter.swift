/// A seccomp filter, installed with `prctl` through `ctypes` (no libseccomp), that refuses the system calls whose
/// memory or state escapes the sandbox's limits: `memfd_create` (buffers `RLIMIT_AS` does not count), SysV IPC
/// objects (`shmget`, `semget`, `msgget`: outlive the process and are shared by samples of a warm worker), POSIX
/// message queues (`mq_open`: the same) and the kernel keyring (`add_key`, `request_key`, `keyctl`: bubblewrap does not separate it).
///
/// A refused call fails with `EPERM`. On x86-64 the x32 and i386 system call tables are refused whole (Python
/// uses neither). On other machines than x86-64 and arm64 no filter is installed, and the isolation line says so.
enum SeccompFilter {
    /// `_proctor_seccomp_program()`: the filter as bytes (a `sock_fprog`'s instructions), or None on an unknown
    /// machine; `_proctor_seccomp_prepare(program)`: its `sock_fprog` in memory, made once;
    /// `_proctor_seccomp_install(address, prctl)`: sets no-new-privileges and installs it, or raises; `prctl` must
    /// take unsigned longs (`argtypes`).
    static let python = #"""
        def _proctor_seccomp_program():
            import os, struct
            machine = os.uname().machine
            if machine == 'x86_64':
                arch, denied = 0xC000003E, (319, 29, 64, 68, 240, 248, 249, 250)
            elif machine == 'aarch64':
                arch, denied = 0xC00000B7, (279, 194, 190, 186, 180, 217, 218, 219)
            else:
                return None
            load, equal, test, give = 0x20, 0x15, 0x45, 0x06
            allow, refuse = 0x7FFF0000, 0x00050000 | 1  # SECCOMP_RET_ERRNO | EPERM
            count = 4 + len(denied) + 2
            deny_at = count - 1
            code = [(load, 0, 0, 4)]                                   # A = seccomp_data.arch
            code.append((equal, 0, deny_at - 2, arch))                 # another table: refuse
            code.append((load, 0, 0, 0))                               # A = seccomp_data.nr
            code.append((test, deny_at - 4, 0, 0x40000000))            # x32: refuse
            for index, number in enumerate(denied):
                here = 4 + index
                code.append((equal, deny_at - here - 1, 0, number))
            code.append((give, 0, 0, allow))
            code.append((give, 0, 0, refuse))
            return b''.join(struct.pack('HBBI', *instruction) for instruction in code)


        def _proctor_seccomp_prepare(program):
            """(address of a sock_fprog for `program`, the objects that keep it in memory): made once, used per run."""
            import ctypes
            filters = ctypes.create_string_buffer(program, len(program))

            class Program(ctypes.Structure):
                _fields_ = [('len', ctypes.c_ushort), ('filter', ctypes.c_void_p)]

            fprog = Program(len(program) // 8, ctypes.addressof(filters))
            return ctypes.addressof(fprog), (filters, fprog)


        def _proctor_seccomp_install(address, prctl):
            if prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
                raise OSError('PR_SET_NO_NEW_PRIVS failed')
            if prctl(22, 2, address, 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
                raise OSError('PR_SET_SECCOMP failed')

        """#
}
