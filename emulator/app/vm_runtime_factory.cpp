#include "emulator/app/vm_runtime_factory.hpp"

#include "emulator/log/log.hpp"
#include "fake-arm/mount.hpp"
#include "vm-sim/qemu/qemu_runtime.hpp"
#include "vm-sim/uml/uml_runtime.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace azemu::app {

namespace {
/// `--vm-runtime qemu`: chosen explicitly, so anything missing is an error, never a fallback. The
/// guest userland is the UML runtime's image (built from the same packages), the kernel Debian's.
std::unique_ptr<ports::VmRuntime> make_qemu_runtime(const Config& config, const std::string& data_dir,
                                                    const vm::GuestImageSources& sources) {
  vm::QemuOptions o;
  if (auto missing = o.sources.missing(); !missing.empty()) throw std::runtime_error("--vm-runtime qemu: missing " + missing);
  if (!sources.available()) throw std::runtime_error("--vm-runtime qemu: missing " + sources.missing() + " (the guest userland)");
  o.data_dir = data_dir;
  o.image_source = [data_dir, sources] { return vm::ensure_guest_image(data_dir, sources); };
  // As under UML: https://10.0.2.2/ and https://10.0.2.2:<port>/ in the guest are azemu.
  int port = config.listen_port();
  o.to_host = {{443, port}};
  if (port != 443) o.to_host.push_back({port, port});
  o.ca_file = data_dir + "/ca.pem";
  o.proxy_guest_port = 443;
  // Warm guests are UML's: a QEMU boot is where the time goes, but its guests are not pooled (yet).
  if (config.warm_guests > 0) log::write(log::Level::warn, "--warm-guests is ignored by --vm-runtime qemu", nullptr);
  return std::make_unique<vm::QemuRuntime>(std::move(o));
}
}  // namespace

std::unique_ptr<ports::VmRuntime> make_vm_runtime(const Config& config, const std::string& data_dir) {
  if (config.vm_runtime == "guestless") return arm::make_guestless_runtime();
  auto sources = vm::GuestImageSources::defaults();
  if (config.vm_runtime == "qemu") return make_qemu_runtime(config, data_dir, sources);
  if (!sources.available()) {
    if (config.vm_runtime == "uml")
      throw std::runtime_error("--vm-runtime uml: missing " + sources.missing());
    log::write(log::Level::warn,
               "VMS HAVE NO GUEST: user-mode Linux is not available, so VMs are records only (--vm-runtime guestless)",
               {{"missing", sources.missing()}, {"fix", "apt-get install user-mode-linux (docker/dev.sh) and build azemu-guest-agent"}});
    return arm::make_guestless_runtime();
  }
  vm::UmlOptions o;
  o.data_dir = data_dir;
  // The image is built (or found in the cache) on the first boot, not at start-up.
  o.image_source = [data_dir, sources] { return vm::ensure_guest_image(data_dir, sources); };
  // The guest reaches azemu as https://10.0.2.2/ and https://10.0.2.2:<port>/ (ADE handler, curl).
  int port = config.listen_port();
  o.to_host = {{443, port}};
  if (port != 443) o.to_host.push_back({port, port});
  // azemu answers CONNECT on its one port: 10.0.2.2:443 in the guest is that port, hence the proxy.
  o.ca_file = data_dir + "/ca.pem";
  o.proxy_guest_port = 443;
  // Spares of `az vm create`'s default shape; UML boots the one guest image for every image reference.
  o.warm_guests = static_cast<int>(config.warm_guests);
  return std::make_unique<vm::UmlRuntime>(std::move(o));
}

}  // namespace azemu::app
