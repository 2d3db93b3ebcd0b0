# Environment fix for Debian's azure-cli 2.45: `az keyvault key ...` validators import
# azure.keyvault.key_vault_id (track-1 SDK, not shipped by Debian). The CLI vendors the same module;
# load that file directly (importing its package would pull in the rest of the missing track-1 SDK).
import importlib.util as _util
import os as _os

import azure.cli.command_modules.keyvault as _kv

_path = _os.path.join(_os.path.dirname(_kv.__file__), "vendored_sdks", "azure_keyvault_t1", "key_vault_id.py")
_spec = _util.spec_from_file_location(__name__ + "._vendored", _path)
_module = _util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
globals().update({k: v for k, v in vars(_module).items() if not k.startswith("__")})
