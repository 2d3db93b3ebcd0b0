# Environment fixes for Debian's azure-cli 2.45 (not azemu code; what az sends stays az's own).
#
# 1. Debian ships azure-mgmt-authorization 3.0.0, whose operation groups keep their configuration in
# `_config`, while the CLI's role module reads `<operations>.config.subscription_id`
# (role/custom.py, _create_role_assignment / list_role_assignments). Every `az role assignment ...`
# command therefore dies with "'RoleAssignmentsOperations' object has no attribute 'config'" before
# sending anything. This hook adds a read-only `config` alias to each *Operations class of that SDK
# when its module is imported.
#
# 2. The CLI's `latest` profile asks for compute 2022-11-01 and network 2022-01-01, but Debian's
# azure-mgmt-compute 29.0.0 stops at 2022-08-01 and the single-API azure-mgmt-network 23.0.0b1 only
# knows 2022-07-01, so every `az vm ...` dies before sending a request (research/az-wire.md §1.1).
# When azure.cli.core.profiles._shared is imported, each of those two entries of
# AZURE_API_PROFILES['latest'] whose version the installed SDK lacks is replaced by the newest
# version the SDK has (compute keeps its per-operation-group overrides). Other profiles (e.g.
# 2020-09-01-hybrid) are untouched. Set AZEMU_SHIM_NO_PROFILE_FIX=1 to switch this off.
#
# Loaded through PYTHONPATH by tests/e2e/lib.sh (and documented in README).
import importlib.abc
import os
import sys


def _alias_config(module):
    for value in list(vars(module).values()):
        if isinstance(value, type) and value.__name__.endswith("Operations") and not hasattr(value, "config"):
            value.config = property(lambda self: self._config)


def _newest_sdk_api_version(package):
    """'2022-08-01' for the newest non-preview vYYYY_MM_DD subpackage of an installed SDK, or None."""
    import importlib.util
    import os
    import re
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    found = []
    for location in spec.submodule_search_locations:
        for entry in os.listdir(location):
            m = re.fullmatch(r"v(\d{4})_(\d{2})_(\d{2})", entry)
            if m and os.path.isdir(os.path.join(location, entry)):
                found.append("-".join(m.groups()))
    return max(found) if found else None


def _sdk_has_api_version(package, version):
    import importlib.util
    return importlib.util.find_spec(package + ".v" + version.replace("-", "_")) is not None


def _fit_latest_profile_to_installed_sdks(shared):
    """Hook 2: point the `latest` profile's compute and network versions at ones the SDKs have."""
    import os
    if os.environ.get("AZEMU_SHIM_NO_PROFILE_FIX"):
        return
    latest = shared.AZURE_API_PROFILES["latest"]
    rt = shared.ResourceType
    for resource_type, package in ((rt.MGMT_COMPUTE, "azure.mgmt.compute"), (rt.MGMT_NETWORK, "azure.mgmt.network")):
        wanted = latest.get(resource_type)
        if wanted is None:
            continue
        is_profile = isinstance(wanted, shared.SDKProfile)
        default = wanted.default_api_version if is_profile else wanted
        if _sdk_has_api_version(package, default):
            continue
        newest = _newest_sdk_api_version(package)
        if newest is None:
            continue
        if is_profile:
            # Operation-group overrides pinned at the missing version follow the default down.
            overrides = {k: (newest if v == default else v) for k, v in wanted.profile.items() if k is not None}
            latest[resource_type] = shared.SDKProfile(newest, overrides)
        else:
            latest[resource_type] = newest


def _alias_track1_vm_power(module):
    """Hook 4: az 2.45's `vm encryption enable` on an already encrypted VM deallocates it and starts
    it again with `virtual_machines.deallocate(...)` / `.start(...)` (disk_encryption.py), the
    track-1 names; Debian's track-2 compute SDK only has begin_deallocate / begin_start, so the
    doc's second `enable` dies with an AttributeError. Alias them (same requests)."""
    cls = getattr(module, "VirtualMachinesOperations", None)
    if cls is None:
        return
    for old, new in (("deallocate", "begin_deallocate"), ("start", "begin_start")):
        if not hasattr(cls, old) and hasattr(cls, new):
            setattr(cls, old, getattr(cls, new))


def _is_compute_vm_operations(name):
    return name.startswith("azure.mgmt.compute.v") and name.endswith(".operations._virtual_machines_operations")


def _is_authorization_operations(name):
    return name.startswith("azure.mgmt.authorization.") and ".operations._" in name


# (which modules, what to do once one is imported)
_HOOKS = (
    (_is_authorization_operations, _alias_config),
    (_is_compute_vm_operations, _alias_track1_vm_power),
    (lambda name: name == "azure.cli.core.profiles._shared", _fit_latest_profile_to_installed_sdks),
)


# The post-import machinery is shared with az 2.74's shim (../pyhooks/post_import.py).
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pyhooks"))
import post_import  # noqa: E402

post_import.install(_HOOKS)


# 3. Debian's azure-mgmt-network 23.0.0b1 is single-API: its operation classes live only in
# azure.mgmt.network.operations, and its vYYYY_MM_DD subpackages hold models only. The CLI's generic
# network commands (`az network nic show/delete/list`, `nic ip-config ...`) import
# "azure.mgmt.network.v<profile version>.operations" and die with ModuleNotFoundError in every
# profile. This finder answers exactly those missing module names with a module that exposes the
# unversioned operations (the classes the installed client uses anyway). Found by the Network
# provider's e2e test (tests/e2e/az_network_test.sh).
class _NetworkOperationsFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        import re
        import importlib.machinery
        if not re.fullmatch(r"azure\.mgmt\.network\.v\d{4}_\d{2}_\d{2}(_preview)?\.operations", name):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            if finder.find_spec(name, path, target) is not None:
                return None  # a real versioned operations package exists: leave it alone
        return importlib.machinery.ModuleSpec(name, self)

    def create_module(self, spec):
        import importlib
        import types
        module = types.ModuleType(spec.name)
        module.__dict__.update({k: v for k, v in vars(importlib.import_module("azure.mgmt.network.operations")).items()
                                if not k.startswith("__")})
        return module

    def exec_module(self, module):
        pass


sys.meta_path.append(_NetworkOperationsFinder())

# Keep Debian's own sitecustomize behaviour (it is shadowed by this file on PYTHONPATH).
try:
    import importlib.util as _u
    _debian = "/etc/python3.11/sitecustomize.py"
    import os as _os
    if _os.path.exists(_debian):
        _spec = _u.spec_from_file_location("_debian_sitecustomize", _debian)
        _spec.loader.exec_module(_u.module_from_spec(_spec))
except Exception:
    pass
