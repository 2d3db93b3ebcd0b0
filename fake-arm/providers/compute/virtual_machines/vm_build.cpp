// VM model normalisation; see vm_build.hpp. Spec: compute 2022-11-01 virtualMachine.json
// (HardwareProfile, StorageProfile, OSProfile, NetworkProfile); defaults as real CRP fills them
// for `az vm create` (az-wire §4.7: nulls mean "default").
#include "fake-arm/providers/compute/virtual_machines/vm_build.hpp"

#include "emulator/ids/guid.hpp"
#include "emulator/json/strings.hpp"
#include "fake-arm/errors.hpp"
#include "fake-arm/providers/compute/catalog/image_catalog.hpp"
#include "fake-arm/providers/compute/catalog/vm_sizes.hpp"
#include "fake-arm/providers/compute/compute_common.hpp"
#include "fake-arm/providers/compute/disks/disk_service.hpp"
#include "fake-arm/providers/compute/disks/disk_store.hpp"
#include "fake-arm/providers/compute/virtual_machines/vm_security.hpp"

#include <set>
#include <string_view>

namespace azemu::arm::compute {

namespace {
using nlohmann::json;

const json& member(const json& j, const char* key) {
  static const json null;
  return j.is_object() && j.contains(key) ? j.at(key) : null;
}
std::string str(const json& j, const char* key) {
  const json& v = member(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}
json object_at(const json& j, const char* key, const std::string& where) {
  const json& v = member(j, key);
  if (v.is_null()) return json::object();
  if (!v.is_object()) throw errors::invalid_request_content("'" + where + "' must be an object");
  return v;
}

std::string all_size_names() {
  std::string out;
  for (const auto& s : vm_sizes()) out += (out.empty() ? "" : ",") + s.name;
  return out;
}

/// "Empty", "Attach", "FromImage" in CRP's casing (clients send "empty"/"fromImage" too).
std::string canonical_option(const std::string& given) {
  for (const char* o : {"Empty", "Attach", "FromImage", "Copy", "Restore"})
    if (text::iequals(given, o)) return o;
  return given;
}

std::string canonical_delete_option(const json& given) {
  if (given.is_string() && text::iequals(given.get<std::string>(), "Delete")) return "Delete";
  return "Detach";
}

std::string default_sku(const VmSize& size) { return size.premium_io ? "Premium_LRS" : "Standard_LRS"; }

std::string storage_type(const json& managed_disk, const VmSize& size) {
  std::string given = str(managed_disk, "storageAccountType");
  if (given.empty()) return default_sku(size);
  std::string canonical;
  if (!valid_disk_sku(given, &canonical))
    throw errors::compute_invalid_parameter("The value '" + given + "' of parameter 'storageAccountType' is not valid.",
                                            "storageAccountType");
  return canonical;
}

/// Azure's disk image reference id (ARM prints these segments capitalised).
std::string image_resource_id(const std::string& sub, const std::string& location, const ImageVersion& img) {
  return "/Subscriptions/" + sub + "/Providers/Microsoft.Compute/Locations/" + location + "/Publishers/" +
         img.publisher + "/ArtifactTypes/VMImage/Offers/" + img.offer + "/Skus/" + img.sku + "/Versions/" + img.version;
}

ResourceId disk_id_for(const ResourceId& vm, const std::string& name) {
  return ResourceId::resource(vm.subscription_id(), vm.resource_group(), kNamespace, "disks", name);
}

std::optional<ResourceId> parse_id(const std::string& s) {
  auto id = ResourceId::parse(s);
  if (!id || !id->is_resource()) return std::nullopt;
  return id;
}

class Builder {
public:
  Builder(store::Connection& c, const VmBuildInput& in) : c_(c), in_(in) {}

  VmBuild run() {
    const json& body = in_.body;
    if (!body.is_object()) throw errors::invalid_request_content("the body must be a JSON object");
    json p = object_at(body, "properties", "properties");
    for (const char* k : {"provisioningState", "vmId", "instanceView", "timeCreated"}) p.erase(k);
    out_.vm.id = in_.id;
    out_.vm.location = in_.location;
    for (const char* k : kVmExtraMembers)
      if (body.contains(k) && !body[k].is_null()) out_.vm.extras[k] = body[k];

    hardware(p);
    storage(p);
    security(p);
    os_profile(p);
    network(p);
    out_.vm.properties = std::move(p);
    return std::move(out_);
  }

private:
  void hardware(json& p) {
    json hw = object_at(p, "hardwareProfile", "properties.hardwareProfile");
    std::string name = str(hw, "vmSize");
    if (name.empty() && in_.existing) name = in_.existing->size();
    if (name.empty()) throw errors::compute_required_parameter("hardwareProfile.vmSize");
    size_ = find_vm_size(name);
    if (!size_) throw errors::vm_size_not_available(name, all_size_names());
    hw["vmSize"] = size_->name;
    p["hardwareProfile"] = hw;
  }

  void storage(json& p) {
    json sp = object_at(p, "storageProfile", "properties.storageProfile");
    image(sp);
    os_disk(sp);
    data_disks(sp);
    p["storageProfile"] = sp;
  }

  void image(json& sp) {
    json ref = member(sp, "imageReference");
    if (ref.is_null() && in_.existing) {
      // az's get_vm_to_update drops imageReference before set_vm (az-wire §4.11): keep the stored one.
      ref = member(member(in_.existing->properties, "storageProfile"), "imageReference");
    }
    if (ref.is_null() || !ref.is_object()) {
      if (!in_.existing) throw errors::not_implemented("VMs without storageProfile.imageReference (attached OS disks)");
      return;
    }
    if (!str(ref, "id").empty() && str(ref, "publisher").empty())
      throw errors::not_implemented("custom and gallery images (imageReference.id)");
    for (const char* k : {"publisher", "offer", "sku"})
      if (str(ref, k).empty()) throw errors::compute_required_parameter(std::string("imageReference.") + k);
    const std::string version = str(ref, "version").empty() ? "latest" : str(ref, "version");
    auto img = find_image(str(ref, "publisher"), str(ref, "offer"), str(ref, "sku"), version);
    if (!img)
      throw errors::platform_image_not_found(str(ref, "publisher") + ":" + str(ref, "offer") + ":" + str(ref, "sku") + ":" + version);
    image_ = *img;
    ref["version"] = version;
    ref["exactVersion"] = img->version;
    sp["imageReference"] = ref;
  }

  void security(json& p) {
    // The security type is fixed at creation: an update that leaves the profile out keeps the stored one.
    if (in_.existing && member(p, "securityProfile").is_null() && in_.existing->properties.contains("securityProfile"))
      p["securityProfile"] = in_.existing->properties["securityProfile"];
    json disk_profile = apply_security_profile(p, image_ ? &*image_ : nullptr, *size_);
    if (in_.existing || disk_profile.is_null()) return;
    // The OS disk made from the image carries the VM's security type, as DiskRP shows it.
    const std::string os_id = str(member(member(member(p, "storageProfile"), "osDisk"), "managedDisk"), "id");
    for (auto& d : out_.disks_to_put)
      if (text::iequals(d.id.str(), os_id)) d.extra_properties["securityProfile"] = disk_profile;
  }

  void os_disk(json& sp) {
    json osd = object_at(sp, "osDisk", "storageProfile.osDisk");
    if (in_.existing) {
      // The OS disk is fixed at creation; only caching, deleteOption and encryptionSettings
      // (written by `az vm encryption enable`) may change.
      json kept = in_.existing->os_disk();
      if (osd.contains("encryptionSettings")) kept["encryptionSettings"] = osd["encryptionSettings"];
      if (osd.contains("caching") && osd["caching"].is_string()) kept["caching"] = osd["caching"];
      if (osd.contains("deleteOption")) kept["deleteOption"] = canonical_delete_option(osd["deleteOption"]);
      sp["osDisk"] = kept;
      return;
    }
    const std::string option = canonical_option(str(osd, "createOption"));
    if (option.empty()) throw errors::compute_required_parameter("osDisk.createOption");
    if (option != "FromImage") throw errors::not_implemented("OS disks with createOption '" + option + "'");
    std::string name = str(osd, "name");
    if (name.empty()) name = in_.id.name() + "_OsDisk_1_" + ids::random_hex(16);
    json md = object_at(osd, "managedDisk", "osDisk.managedDisk");
    const std::string sku = storage_type(md, *size_);
    std::int64_t size_gb = image_->os_disk_size_gb;
    if (member(osd, "diskSizeGB").is_number_integer()) {
      size_gb = osd["diskSizeGB"].get<std::int64_t>();
      if (size_gb < image_->os_disk_size_gb)
        throw errors::compute_invalid_parameter(
            "The specified disk size " + std::to_string(size_gb) + " GB is smaller than the size of the corresponding disk in the VM image: " +
                std::to_string(image_->os_disk_size_gb) + " GB. Please choose equal or greater size or do not specify a value.",
            "osDisk.diskSizeGB");
    }
    const ResourceId id = disk_id_for(in_.id, name);
    if (disks_.get(c_, id)) throw errors::disk_already_exists(name, in_.id.resource_group());
    Disk d;
    d.id = id;
    d.location = in_.location;
    d.zones = member(in_.body, "zones");
    d.sku = sku;
    d.size_gb = size_gb;
    d.create_option = "FromImage";
    d.image_reference = {{"id", image_resource_id(in_.id.subscription_id(), in_.location, *image_)}};
    d.os_type = image_->os_type;
    d.hyper_v_generation = image_->hyper_v_generation;
    d.disk_state = "Attached";
    d.managed_by = in_.id.str();
    d.unique_id = ids::new_guid();
    d.time_created = in_.now_iso;
    out_.disks_to_put.push_back(d);

    osd["osType"] = image_->os_type;
    osd["name"] = name;
    osd["createOption"] = "FromImage";
    if (!member(osd, "caching").is_string()) osd["caching"] = "ReadWrite";
    md["storageAccountType"] = sku;
    md["id"] = id.str();
    osd["managedDisk"] = md;
    osd["deleteOption"] = canonical_delete_option(member(osd, "deleteOption"));
    osd["diskSizeGB"] = size_gb;
    sp["osDisk"] = osd;
  }

  /// The stored data disk this entry names (same managed disk id, or same LUN and name).
  const json* stored_entry(const json& dd) const {
    if (!in_.existing) return nullptr;
    const std::string id = str(member(dd, "managedDisk"), "id");
    for (const auto& old : in_.existing->data_disks()) {
      const std::string old_id = str(member(old, "managedDisk"), "id");
      if (!id.empty() && text::iequals(id, old_id)) return &old;
      if (id.empty() && member(dd, "lun") == member(old, "lun") && !str(dd, "name").empty() &&
          text::iequals(str(dd, "name"), str(old, "name")))
        return &old;
    }
    return nullptr;
  }

  void data_disks(json& sp) {
    const json& given = member(sp, "dataDisks");
    if (!given.is_null() && !given.is_array()) throw errors::invalid_request_content("'storageProfile.dataDisks' must be an array");
    json list = given.is_null() ? (in_.existing ? in_.existing->data_disks() : json::array()) : given;
    json result = json::array();
    std::set<int> luns;
    std::set<std::string> kept_ids;
    for (const auto& dd : list) {
      if (!dd.is_object()) throw errors::invalid_request_content("'storageProfile.dataDisks' items must be objects");
      if (member(dd, "toBeDetached").is_boolean() && dd["toBeDetached"].get<bool>()) continue;
      if (!member(dd, "lun").is_number_integer()) throw errors::compute_required_parameter("dataDisks.lun");
      const int lun = dd["lun"].get<int>();
      if (lun < 0 || lun > 63)
        throw errors::compute_invalid_parameter("The value " + std::to_string(lun) + " of parameter 'lun' is out of range (0-63).", "lun");
      if (!luns.insert(lun).second) throw errors::duplicate_lun(lun);
      json entry;
      if (const json* old = stored_entry(dd)) {
        entry = *old;
        if (member(dd, "caching").is_string()) entry["caching"] = dd["caching"];
        if (dd.contains("deleteOption")) entry["deleteOption"] = canonical_delete_option(dd["deleteOption"]);
      } else {
        entry = new_data_disk(dd, lun);
      }
      kept_ids.insert(text::to_lower(str(member(entry, "managedDisk"), "id")));
      result.push_back(std::move(entry));
    }
    if (static_cast<int>(result.size()) > size_->max_data_disks) throw errors::too_many_data_disks(size_->max_data_disks);
    if (in_.existing)
      for (const auto& old : in_.existing->data_disks()) {
        const std::string old_id = str(member(old, "managedDisk"), "id");
        if (kept_ids.count(text::to_lower(old_id))) continue;
        out_.detached_luns.push_back(member(old, "lun").get<int>());
        if (auto id = parse_id(old_id))
          if (auto d = disks_.get(c_, *id)) {
            d->disk_state = "Unattached";
            d->managed_by.clear();
            out_.disks_to_put.push_back(*d);
          }
      }
    sp["dataDisks"] = result;
  }

  json new_data_disk(const json& dd, int lun) {
    const std::string option = canonical_option(str(dd, "createOption"));
    json md = object_at(dd, "managedDisk", "dataDisks.managedDisk");
    Disk d;
    if (option == "Empty") {
      if (!member(dd, "diskSizeGB").is_number_integer()) throw errors::compute_required_parameter("diskSizeGB");
      validate_disk_size(dd["diskSizeGB"].get<std::int64_t>());
      std::string name = str(dd, "name");
      if (name.empty()) name = in_.id.name() + "_disk" + std::to_string(lun + 2) + "_" + ids::random_hex(16);
      d.id = disk_id_for(in_.id, name);
      if (disks_.get(c_, d.id)) throw errors::disk_already_exists(name, in_.id.resource_group());
      d.location = in_.location;
      d.zones = member(in_.body, "zones");
      d.sku = storage_type(md, *size_);
      d.size_gb = dd["diskSizeGB"].get<std::int64_t>();
      d.create_option = "Empty";
      d.unique_id = ids::new_guid();
      d.time_created = in_.now_iso;
    } else if (option == "Attach") {
      const std::string given_id = str(md, "id");
      if (given_id.empty()) throw errors::compute_required_parameter("managedDisk.id");
      auto id = parse_id(given_id);
      auto existing = id ? disks_.get(c_, *id) : std::nullopt;
      if (!existing || existing->location != in_.location) throw errors::invalid_resource_reference(given_id, in_.id.str());
      if (!existing->managed_by.empty() && !text::iequals(existing->managed_by, in_.id.str()))
        throw errors::disk_attached_elsewhere(existing->id.name(), existing->managed_by);
      d = *existing;
    } else if (option.empty()) {
      throw errors::compute_required_parameter("dataDisks.createOption");
    } else {
      throw errors::not_implemented("data disks with createOption '" + option + "'");
    }
    d.disk_state = "Attached";
    d.managed_by = in_.id.str();
    out_.disks_to_put.push_back(d);
    out_.attached.push_back(ports::VmDisk{d.id.str(), d.id.name(), lun, d.size_gb, false});

    json entry = dd;
    entry["lun"] = lun;
    entry["name"] = d.id.name();
    entry["createOption"] = option;
    if (!member(entry, "caching").is_string()) entry["caching"] = "None";
    if (!member(entry, "writeAcceleratorEnabled").is_boolean()) entry["writeAcceleratorEnabled"] = false;
    md["storageAccountType"] = d.sku;
    md["id"] = d.id.str();
    entry["managedDisk"] = md;
    entry["deleteOption"] = canonical_delete_option(member(dd, "deleteOption"));
    entry["diskSizeGB"] = d.size_gb;
    entry["toBeDetached"] = false;
    return entry;
  }

  void os_profile(json& p) {
    json osp = object_at(p, "osProfile", "properties.osProfile");
    if (in_.existing) {
      json kept = member(in_.existing->properties, "osProfile");
      for (const char* k : {"computerName", "adminUsername"})
        if (!str(osp, k).empty() && str(osp, k) != str(kept, k)) throw errors::property_change_not_allowed(std::string("osProfile.") + k);
      if (!kept.is_null()) p["osProfile"] = kept;
      return;
    }
    if (str(osp, "adminUsername").empty()) throw errors::compute_required_parameter("adminUsername");
    std::string computer = str(osp, "computerName");
    if (computer.empty()) computer = in_.id.name();
    if (!valid_linux_computer_name(computer)) throw errors::invalid_linux_computer_name();
    osp["computerName"] = computer;
    out_.admin_password = str(osp, "adminPassword");
    osp.erase("adminPassword");
    osp.erase("customData");  // write-only in the spec, like adminPassword
    json linux = object_at(osp, "linuxConfiguration", "osProfile.linuxConfiguration");
    if (!member(linux, "disablePasswordAuthentication").is_boolean())
      linux["disablePasswordAuthentication"] = out_.admin_password.empty();
    json ssh = object_at(linux, "ssh", "linuxConfiguration.ssh");
    json keys = member(ssh, "publicKeys").is_array() ? ssh["publicKeys"] : json::array();
    if (linux["disablePasswordAuthentication"].get<bool>() && keys.empty())
      throw errors::compute_invalid_parameter(
          "Authentication using either SSH or by user name and password must be enabled in Linux profile.",
          "linuxConfiguration");
    if (!keys.empty()) linux["ssh"] = {{"publicKeys", keys}};
    if (!member(linux, "provisionVMAgent").is_boolean()) linux["provisionVMAgent"] = true;
    if (!member(linux, "patchSettings").is_object())
      linux["patchSettings"] = {{"patchMode", "ImageDefault"}, {"assessmentMode", "ImageDefault"}};
    if (!member(linux, "enableVMAgentPlatformUpdates").is_boolean()) linux["enableVMAgentPlatformUpdates"] = false;
    osp["linuxConfiguration"] = linux;
    if (!member(osp, "secrets").is_array()) osp["secrets"] = json::array();
    if (!member(osp, "allowExtensionOperations").is_boolean()) osp["allowExtensionOperations"] = true;
    if (!member(osp, "requireGuestProvisionSignal").is_boolean()) osp["requireGuestProvisionSignal"] = true;
    p["osProfile"] = osp;
  }

  void network(json& p) {
    json np = object_at(p, "networkProfile", "properties.networkProfile");
    const json& given = member(np, "networkInterfaces");
    json list = given.is_array() ? given : (in_.existing ? in_.existing->nics() : json::array());
    if (list.empty()) throw errors::compute_required_parameter("networkProfile.networkInterfaces");
    json result = json::array();
    std::set<std::string> used;
    for (const auto& n : list) {
      const std::string given_id = str(n, "id");
      if (given_id.empty()) throw errors::compute_required_parameter("networkInterfaces.id");
      auto id = parse_id(given_id);
      auto nic = id ? resources_.get(c_, *id) : std::nullopt;
      if (!nic || !text::iequals(nic->type, kNicType) || nic->location != in_.location)
        throw errors::invalid_resource_reference(given_id, in_.id.str());
      const std::string owner = str(member(member(nic->body, "properties"), "virtualMachine"), "id");
      if (!owner.empty() && !text::iequals(owner, in_.id.str())) throw errors::nic_in_use(nic->id.str(), owner);
      if (owner.empty()) out_.nics_joining.push_back(nic->id);
      used.insert(nic->id.key());
      json entry = {{"id", given_id}};
      json props = object_at(n, "properties", "networkInterfaces.properties");
      props["deleteOption"] = canonical_delete_option(member(props, "deleteOption"));
      if (list.size() > 1 && !member(props, "primary").is_boolean()) props["primary"] = result.empty();
      entry["properties"] = props;
      result.push_back(std::move(entry));
    }
    if (in_.existing)
      for (const auto& old : in_.existing->nics())
        if (auto id = parse_id(str(old, "id")); id && !used.count(id->key())) out_.nics_leaving.push_back(*id);
    np["networkInterfaces"] = result;
    p["networkProfile"] = np;
  }

  store::Connection& c_;
  const VmBuildInput& in_;
  VmBuild out_;
  const VmSize* size_ = nullptr;
  std::optional<ImageVersion> image_;
  DiskStore disks_;
  ResourceStore resources_;
};
}  // namespace

bool valid_linux_computer_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  static constexpr std::string_view bad = "`~!@#$%^&*()=+_[]{}\\|;:'\",<>/? ";
  for (char c : name)
    if (bad.find(c) != std::string_view::npos || static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

VmBuild build_vm(store::Connection& c, const VmBuildInput& in) { return Builder(c, in).run(); }

ports::VmSpec vm_spec(const VirtualMachine& vm, const std::string& password) {
  ports::VmSpec s;
  s.vm_id = vm.vm_id();
  s.resource_id = vm.id.str();
  s.name = vm.id.name();
  const json& osp = member(vm.properties, "osProfile");
  s.computer_name = str(osp, "computerName");
  s.admin_username = str(osp, "adminUsername");
  for (const auto& k : member(member(member(osp, "linuxConfiguration"), "ssh"), "publicKeys"))
    if (k.is_object() && k.contains("keyData") && k["keyData"].is_string()) s.ssh_public_keys.push_back(k["keyData"].get<std::string>());
  s.admin_password = password;
  const json& ref = member(member(vm.properties, "storageProfile"), "imageReference");
  s.image = str(ref, "publisher") + ":" + str(ref, "offer") + ":" + str(ref, "sku") + ":" +
            (str(ref, "exactVersion").empty() ? str(ref, "version") : str(ref, "exactVersion"));
  s.size = vm.size();
  if (const VmSize* size = find_vm_size(s.size)) {
    s.cpus = size->cores;
    s.memory_mb = size->memory_mb;
  }
  const json& osd = vm.os_disk();
  s.os_disk = {str(member(osd, "managedDisk"), "id"), str(osd, "name"), -1, osd.value("diskSizeGB", std::int64_t{0}), true};
  for (const auto& dd : vm.data_disks())
    s.data_disks.push_back({str(member(dd, "managedDisk"), "id"), str(dd, "name"), dd.value("lun", 0),
                            dd.value("diskSizeGB", std::int64_t{0}), false});
  return s;
}

}  // namespace azemu::arm::compute
