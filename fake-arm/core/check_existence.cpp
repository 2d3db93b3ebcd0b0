// See check_existence.hpp.
#include "fake-arm/core/check_existence.hpp"

#include <utility>

namespace azemu::arm {

http::Handler check_existence_from_get(http::Handler get) {
  return [get = std::move(get)](http::Request& req) {
    http::Reply reply = get(req);
    return reply.status == 200 ? http::Reply::empty(204) : reply;
  };
}

}  // namespace azemu::arm
