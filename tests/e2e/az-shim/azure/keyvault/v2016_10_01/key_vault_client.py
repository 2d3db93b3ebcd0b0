# Environment fix for Debian's azure-cli 2.45 (see ../../../README.md in az-shim): the CLI copies the
# help text of `az keyvault key|secret ...` from the track-1 SDK's KeyVaultClient, which Debian does not
# ship, and fails with "No module named 'azure.keyvault.v7_0'" before sending anything. This stand-in
# only provides docstrings; the commands themselves use the track-2 SDK (azure.keyvault.keys/secrets).


class _DocumentedOperations(type):
    def __getattr__(cls, name):
        def operation(*args, **kwargs):
            """Key Vault data-plane operation (help-text stand-in for Debian's azure-cli)."""
            raise NotImplementedError(name)

        operation.__name__ = name
        return operation


class KeyVaultClient(metaclass=_DocumentedOperations):
    """Help-text stand-in for the track-1 KeyVaultClient."""
