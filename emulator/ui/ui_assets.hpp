// The teaching UI's static files (emulator/ui/assets/: HTML, plain ES modules, CSS), compiled into
// the binary by embed_assets.cmake. Nothing is loaded from disk or a CDN at run time.
#pragma once

#include <cstddef>
#include <string_view>

namespace azemu::ui {

struct Asset {
  std::string_view path;          // "index.html", "app.js" (relative to /ui/)
  std::string_view content_type;  // from the extension
  std::string_view body;
};

/// The asset at `path` (no leading slash), or nullptr.
const Asset* find_asset(std::string_view path);
std::size_t asset_count();

}  // namespace azemu::ui
