# Environment fix for Debian's azure-cli 2.45: `az keyvault key ...` validators import
# azure.keyvault.key_vault_id (track-1 SDK, not shipped by Debian). The CLI vendors the same module;
# re-export it from there.
from azure.cli.command_modules.keyvault.vendored_sdks.azure_keyvault_t1.key_vault_id import *  # noqa: F401,F403
