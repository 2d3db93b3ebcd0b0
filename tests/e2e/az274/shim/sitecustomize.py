# Client-side fixes for Debian 13's azure-cli 2.74 (not azemu code). Loaded through PYTHONPATH inside the
# az 2.74 root by ../bin/az; README.md next to this file says what each fix does, why, and what Azure
# answers without it. Only `az vm encryption ...` is touched: the hooks fire when that command's module
# (azure.cli.command_modules.vm.disk_encryption) is imported, which no other command does.
import contextvars
import os
import sys

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pyhooks"))
import post_import  # noqa: E402


class _StrUuid:
    """Stands in for the `uuid` module inside disk_encryption.py: uuid4() gives the UUID's string."""

    @staticmethod
    def uuid4():
        import uuid
        return str(uuid.uuid4())


# The VM `vm encryption enable` works on, for fix 5 (set while encrypt_vm runs).
_ENCRYPTING = contextvars.ContextVar("azemu_encrypting", default=None)


def _fix_disk_encryption(module):
    # Fix 1, upstream azure-cli PR #31894 (issue #31885): the extension settings hold
    # 'SequenceVersion': uuid.uuid4(), a uuid.UUID that json cannot encode; azure-core then sends the body
    # form-encoded and ARM answers 400 InvalidRequestContent. Upstream now writes str(uuid.uuid4()).
    module.uuid = _StrUuid
    _patch_extension_create(module.vm_extension_info)
    _remember_encrypted_vm(module)
    _tolerate_disks_without_settings(module)


def _tolerate_disks_without_settings(module):
    """Fix 7: `vm encryption show` (single pass) lists every disk of the VM's instance view with
    div['encryptionSettings'], a KeyError for a disk the platform has not stamped (the OS disk after
    --volume-type DATA): the instance view leaves the property out when it has no value. az <= 2.6x read the
    SDK model's attribute (None). The disks without it are given encryptionSettings: null."""
    original = module._show_vm_encryption_status_thru_new_ade

    def show(vm_instance_view):
        for div in (vm_instance_view.get("instanceView") or {}).get("disks") or []:
            div.setdefault("encryptionSettings", None)
        return original(vm_instance_view)

    module._show_vm_encryption_status_thru_new_ade = show


def _remember_encrypted_vm(module):
    """Fix 5: encrypt_vm (dual pass) writes osDisk.encryptionSettings with
    VMUpdate(...)(command_args={'set': "k=v k=v ..."}): it names no VM ("Missing required field:
    --resource-group", after the extension already ran), and 'set' is not how an aaz generic update takes
    --set (it reads command_args['generic_update_args'] = {"actions": [("set", [expressions])]}), so the
    settings would be dropped and the VM PUT back unchanged. encrypt_vm is wrapped to remember its resource
    group and VM; VMUpdate fills them in when a caller left them out and turns 'set' into the --set action."""
    import functools
    import inspect
    from azure.cli.command_modules.vm.operations import vm as vm_ops

    original = module.encrypt_vm
    signature = inspect.signature(original)

    @functools.wraps(original)
    def encrypt_vm(*args, **kwargs):
        bound = signature.bind_partial(*args, **kwargs).arguments
        token = _ENCRYPTING.set((bound.get("resource_group_name"), bound.get("vm_name")))
        try:
            return original(*args, **kwargs)
        finally:
            _ENCRYPTING.reset(token)

    module.encrypt_vm = encrypt_vm

    class VMUpdateNamingTheVM(vm_ops.VMUpdate):
        def _handler(self, command_args):
            target = _ENCRYPTING.get()
            if target and "resource_group" not in command_args and "vm_name" not in command_args:
                command_args = dict(command_args, resource_group=target[0], vm_name=target[1])
            if isinstance(command_args.get("set"), str) and "generic_update_args" not in command_args:
                command_args = dict(command_args)
                command_args["generic_update_args"] = {"actions": [("set", command_args.pop("set").split())]}
            return super()._handler(command_args)

    vm_ops.VMUpdate = VMUpdateNamingTheVM
    _await_power_operations()


def _await_power_operations():
    """Fix 6: on an already encrypted VM (the doc's second enable) encrypt_vm calls the aaz Deallocate, the
    VM update and Start, but never waits for Deallocate or Start (their pollers are dropped): the update and
    the start reach a VM that is still deallocating, the start is refused and az exits 0 with the VM left
    deallocated. While encrypt_vm runs, both wait for their operation, as az 2.45's .result() did."""
    from azure.cli.command_modules.vm.aaz.latest import vm as aaz_vm
    from azure.cli.core.commands import LongRunningOperation

    def awaited(base):
        class Awaited(base):
            def __call__(self, *args, **kwargs):
                result = super().__call__(*args, **kwargs)
                if _ENCRYPTING.get() is None:
                    return result
                return LongRunningOperation(self.cli_ctx)(result)

        Awaited.__name__ = base.__name__
        return Awaited

    aaz_vm.Deallocate = awaited(aaz_vm.Deallocate)
    aaz_vm.Start = awaited(aaz_vm.Start)


def _complete_disable_args(ade_info, args):
    """Fix 3: decrypt_vm (`vm encryption disable`) sends 'type': extension['legacy_version'] ('0.1') for a
    dual-pass VM and no type_handler_version at all; Azure refuses such a PUT (required typeHandlerVersion,
    type cannot change). enable's arguments (which carry a type_handler_version) pass unchanged."""
    if "type_handler_version" in args:
        return args
    entry = next((e for e in ade_info.values() if e["name"] == args.get("vm_extension_name")), None)
    if entry is None:
        return args
    fixed = dict(args)
    fixed["type_handler_version"] = entry["legacy_version"] if args.get("type") == entry["legacy_version"] else entry["version"]
    fixed["type"] = entry["name"]
    return fixed


def _patch_extension_create(ade_info):
    # Fix 2: encrypt_vm (dual pass) takes the BEK secret URL from instanceView.statuses[0].message of
    # the extension PUT's final LRO result. That result is a plain GET of the extension, and Azure
    # returns no instanceView there (only with $expand=instanceView), so az stops with "Could not find
    # url pointing to the secret for disk encryption". az <= 2.6x read it with a second GET
    # ...?$expand=instanceView; this makes the create command do that GET after the LRO.
    from azure.cli.command_modules.vm.operations import vm_extension as ops

    if getattr(ops.VMExtensionCreate, "_azemu_reads_view", False):
        return

    class VMExtensionCreateThenShow(ops.VMExtensionCreate):
        _azemu_reads_view = True

        def _handler(self, command_args):
            return super()._handler(_complete_disable_args(ade_info, command_args))

        def _output(self, *args, **kwargs):
            result = super()._output(*args, **kwargs)
            if not (result or {}).get("instanceView"):
                args_ = self.ctx.args
                shown = ops.VMExtensionShow(cli_ctx=self.cli_ctx)(command_args={
                    "resource_group": args_.resource_group.to_serialized_data(),
                    "vm_name": args_.vm_name.to_serialized_data(),
                    "vm_extension_name": args_.vm_extension_name.to_serialized_data(),
                    "expand": "instanceView",
                })
                result["instanceView"] = shown.get("instanceView")
            return result

    ops.VMExtensionCreate = VMExtensionCreateThenShow

    class VMExtensionShowForEncryptionShow(ops.VMExtensionShow):
        """Fix 4: show_vm_encryption_status (`vm encryption show`, dual pass) passes 'name', which is not an
        argument of this command (it is 'vm_extension_name': "Missing required field: -n"), then reads
        `statuses[0].message` as an attribute of the dicts this command returns (AttributeError)."""

        def _handler(self, command_args):
            if "name" in command_args and "vm_extension_name" not in command_args:
                command_args = dict(command_args)
                command_args["vm_extension_name"] = command_args.pop("name")
            return super()._handler(command_args)

        def _output(self, *args, **kwargs):
            result = super()._output(*args, **kwargs)
            view = (result or {}).get("instanceView") or {}
            for key in ("statuses", "substatuses"):
                if isinstance(view.get(key), list):
                    view[key] = [_AttrDict(x) if isinstance(x, dict) else x for x in view[key]]
            return result

    ops.VMExtensionShow = VMExtensionShowForEncryptionShow


class _AttrDict(dict):
    """A dict whose keys also read as attributes (status.message), still printed as JSON like a dict."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as e:
            raise AttributeError(name) from e


post_import.install([
    (lambda name: name == "azure.cli.command_modules.vm.disk_encryption", _fix_disk_encryption),
])

# Keep Debian's own sitecustomize behaviour (this file shadows it on PYTHONPATH).
_debian = "/etc/python%d.%d/sitecustomize.py" % sys.version_info[:2]
if os.path.exists(_debian):
    import importlib.util as _u
    _spec = _u.spec_from_file_location("_debian_sitecustomize", _debian)
    _spec.loader.exec_module(_u.module_from_spec(_spec))
