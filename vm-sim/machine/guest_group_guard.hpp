// Guests die with azemu, however azemu dies. PR_SET_PDEATHSIG reaches only the process azemu
// forked (the UML kernel, QEMU); UML's helpers and the host processes behind a UML guest's own
// processes are forked by the guest kernel, inherit nothing of it, and after a kill -9 of azemu
// ran on holding the disk images (a restart then boots a second kernel on the same images) and
// every socket they inherited. A watcher process, forked on first use, holds one end of a
// socket pair whose other end only azemu holds: when the kernel closes it — azemu exited, was killed or
// crashed — the watcher SIGKILLs every process group still registered and exits.
#pragma once

#include <sys/types.h>

namespace azemu::vm::group_guard {

/// Registers a process group azemu leads for a guest or a tool; starts the watcher if needed.
/// Never throws: without a watcher (fork failed), groups simply are not guarded.
void watch(pid_t pgid);

/// The group ended (its leader was reaped or the group was swept): never signal it again, as its
/// id may be reused by an unrelated group.
void forget(pid_t pgid);

}  // namespace azemu::vm::group_guard
