# Environment fix for Debian's azure-cli 2.45 (see tests/e2e/az-shim/README.md): the CLI copies the
# help text of `az keyvault key create|import|...` from the track-1 SDK's KeyVaultClient, which Debian
# does not ship, and fails with "No module named 'azure.keyvault.v7_0'" before sending anything. This
# stand-in only provides docstrings. Commands that *run* on the track-1 client (key list/delete/...,
# secret ...) cannot work on Debian's package at all (azure-keyvault 1.x is not packaged).


class _DocumentedOperations(type):
    def __getattr__(cls, name):
        def operation(self):
            """Key Vault data-plane operation (help-text stand-in for Debian's azure-cli)."""
            raise NotImplementedError(name)

        operation.__name__ = name
        return operation


class KeyVaultClient(metaclass=_DocumentedOperations):
    """Help-text stand-in for the track-1 KeyVaultClient."""
