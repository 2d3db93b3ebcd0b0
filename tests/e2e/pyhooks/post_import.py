# Post-import hooks for the client-side shims (../az-shim for az 2.45, ../az274/shim for az 2.74).
# A shim registers (wants(module_name), hook(module)); when Python first imports a module that a
# `wants` accepts, the module runs as usual and then its hook patches it in place. Nothing here
# changes what az sends by itself: each hook is documented in its shim's README.
import importlib.abc
import sys


class _HookLoader(importlib.abc.Loader):
    def __init__(self, inner, hook):
        self._inner = inner
        self._hook = hook

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        self._hook(module)


class _PatchingFinder(importlib.abc.MetaPathFinder):
    def __init__(self, hooks):
        self._hooks = hooks

    def find_spec(self, name, path, target=None):
        hook = next((h for wants, h in self._hooks if wants(name)), None)
        if hook is None:
            return None
        # Let the real finders locate the module; only its loader is wrapped.
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _HookLoader(spec.loader, hook)
                return spec
        return None


def install(hooks):
    """hooks: iterable of (wants(name) -> bool, hook(module)). Installed first on sys.meta_path."""
    sys.meta_path.insert(0, _PatchingFinder(tuple(hooks)))
