// UmlRuntime: see uml_runtime.hpp.
#include "vm-sim/uml/uml_runtime.hpp"

#include "vm-sim/uml/uml_hypervisor.hpp"

namespace azemu::vm {

// GuestRuntime takes the common part of the options (a deliberate slice); the hypervisor the rest.
UmlRuntime::UmlRuntime(const UmlOptions& options)
    : GuestRuntime(options, std::make_unique<UmlHypervisor>(options.image, options.image_source, options.memory_cap_mb)) {}

}  // namespace azemu::vm
