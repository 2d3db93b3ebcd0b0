// LD_PRELOAD shim for Debian's UML 6.1 kernel on hosts with AMX (or any XSAVE area larger than
// UML's fixed buffer). UML restores a guest thread's FPU state with
// ptrace(PTRACE_SETREGSET, NT_X86_XSTATE) and a buffer sized for x87/SSE/AVX only; the host
// kernel accepts only a buffer of the full XSAVE size and answers EFAULT, and the guest's init
// dies at once ("userspace - ptrace set fp regs failed, errno = 14"). Fixed upstream in later UML
// kernels, which Debian 12 does not ship.
//
// The shim completes the short buffer: it reads the target's current full state, lays UML's
// bytes over the part UML knows, keeps the target's own state for the rest (AVX-512, AMX, ...),
// and writes the full buffer. Each guest address space is its own host process in UML, so the
// kept upper state belongs to that process. Other ptrace calls pass through unchanged.
#include <cpuid.h>
#include <dlfcn.h>
#include <elf.h>
#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {
constexpr std::size_t kMaxXsave = 64 * 1024;
constexpr std::size_t kHeaderOffset = 512;  // XSAVE header: xstate_bv (u64), xcomp_bv (u64), ...
thread_local unsigned char full_state[kMaxXsave] __attribute__((aligned(64)));

long raw_ptrace(long request, pid_t pid, void* addr, void* data) { return syscall(SYS_ptrace, request, pid, addr, data); }

/// Feature bits whose data lies entirely inside the first `len` bytes of a standard-format area
/// (CPUID leaf 0xD sub-leaf i: EAX = size, EBX = offset of component i).
std::uint64_t features_within(std::size_t len) {
  std::uint64_t mask = len >= kHeaderOffset + 64 ? 0x3 : 0;  // x87 + SSE live in the legacy area
  for (unsigned i = 2; i < 63; ++i) {
    unsigned size, offset, ecx, edx;
    __cpuid_count(0xD, i, size, offset, ecx, edx);
    if (size != 0 && offset + size <= len) mask |= std::uint64_t{1} << i;
  }
  return mask;
}

long set_xstate(pid_t pid, iovec* short_iov) {
  iovec full{full_state, sizeof full_state};
  if (raw_ptrace(PTRACE_GETREGSET, pid, reinterpret_cast<void*>(NT_X86_XSTATE), &full) != 0) return -1;
  if (short_iov->iov_len >= full.iov_len)
    return raw_ptrace(PTRACE_SETREGSET, pid, reinterpret_cast<void*>(NT_X86_XSTATE), short_iov);
  std::uint64_t target_bv;
  std::memcpy(&target_bv, full_state + kHeaderOffset, sizeof target_bv);
  std::memcpy(full_state, short_iov->iov_base, short_iov->iov_len);
  std::uint64_t uml_bv;
  std::memcpy(&uml_bv, full_state + kHeaderOffset, sizeof uml_bv);
  static const std::uint64_t known = features_within(short_iov->iov_len);  // UML's size never changes
  std::uint64_t bv = (uml_bv & known) | (target_bv & ~known);
  std::memcpy(full_state + kHeaderOffset, &bv, sizeof bv);
  return raw_ptrace(PTRACE_SETREGSET, pid, reinterpret_cast<void*>(NT_X86_XSTATE), &full);
}
}  // namespace

extern "C" long ptrace(enum __ptrace_request request, ...) {
  va_list ap;
  va_start(ap, request);
  pid_t pid = va_arg(ap, pid_t);
  void* addr = va_arg(ap, void*);
  void* data = va_arg(ap, void*);
  va_end(ap);
  if (request == PTRACE_SETREGSET && reinterpret_cast<std::uintptr_t>(addr) == NT_X86_XSTATE && data)
    return set_xstate(pid, static_cast<iovec*>(data));
  using Fn = long (*)(enum __ptrace_request, ...);
  static Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "ptrace"));
  return real(request, pid, addr, data);
}
