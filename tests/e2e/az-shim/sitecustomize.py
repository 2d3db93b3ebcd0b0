# Environment fix for Debian's azure-cli 2.45 (not azemu code; az's requests are unchanged).
#
# Debian ships azure-mgmt-authorization 3.0.0, whose operation groups keep their configuration in
# `_config`, while the CLI's role module reads `<operations>.config.subscription_id`
# (role/custom.py, _create_role_assignment / list_role_assignments). Every `az role assignment ...`
# command therefore dies with "'RoleAssignmentsOperations' object has no attribute 'config'" before
# sending anything. This hook adds a read-only `config` alias to each *Operations class of that SDK
# when its module is imported. Loaded through PYTHONPATH by tests/e2e/lib.sh (and documented in README).
import importlib.abc
import sys


def _alias_config(module):
    for value in list(vars(module).values()):
        if isinstance(value, type) and value.__name__.endswith("Operations") and not hasattr(value, "config"):
            value.config = property(lambda self: self._config)


class _AliasingLoader(importlib.abc.Loader):
    def __init__(self, inner):
        self._inner = inner

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        _alias_config(module)


class _AuthorizationOperationsFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if not name.startswith("azure.mgmt.authorization.") or ".operations._" not in name:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _AliasingLoader(spec.loader)
                return spec
        return None


sys.meta_path.insert(0, _AuthorizationOperationsFinder())

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
