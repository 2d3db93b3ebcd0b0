// ARM's gauges for /_azemu/metrics (see mount.hpp): operations in flight per resource provider and
// VMs per power state, read from the tables fake-arm owns.
#include "fake-arm/mount.hpp"

namespace azemu::arm {

std::string prometheus_gauges(store::Database& db) {
  return db.read([](store::Connection& c) {
    std::string out = "# HELP azemu_lro_in_flight Long-running ARM operations InProgress, by provider.\n"
                      "# TYPE azemu_lro_in_flight gauge\n";
    auto ops = c.query("SELECT namespace, count(*) FROM arm_operations WHERE status = 'InProgress' GROUP BY 1");
    while (ops.step()) out += "azemu_lro_in_flight{provider=\"" + ops.text(0) + "\"} " + std::to_string(ops.int64(1)) + "\n";
    out += "# HELP azemu_vms Virtual machines by power state.\n# TYPE azemu_vms gauge\n";
    auto vms = c.query("SELECT power_state, count(*) FROM arm_compute_vm_state GROUP BY 1");
    while (vms.step()) out += "azemu_vms{power_state=\"" + vms.text(0) + "\"} " + std::to_string(vms.int64(1)) + "\n";
    return out;
  });
}

}  // namespace azemu::arm
