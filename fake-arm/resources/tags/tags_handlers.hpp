// HTTP glue for the tags wrapper resource at a group or resource scope (Spec: resources.json Tags_*AtScope):
// "{scope}/providers/Microsoft.Resources/tags/default", mounted once per scope shape in fake-arm/mount.cpp.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "fake-arm/resources/tags/tags_service.hpp"

namespace azemu::arm {

class TagsHandlers {
public:
  explicit TagsHandlers(const TagsService& svc) : svc_(svc) {}

  http::Reply get(http::Request& req);               // 200 the wrapper
  http::Reply create_or_update(http::Request& req);  // PUT: 200 the wrapper
  http::Reply update(http::Request& req);            // PATCH Merge/Replace/Delete: 200 the wrapper
  http::Reply remove(http::Request& req);            // DELETE: 200, no body

private:
  const TagsService& svc_;
};

}  // namespace azemu::arm
