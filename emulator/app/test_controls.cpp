// See test_controls.hpp.
#include "emulator/app/test_controls.hpp"

#include <nlohmann/json.hpp>

namespace azemu::app {

void mount_test_controls(http::Router& router, exec::SystemClock& clock) {
  router.scope({{cloud::HostKind::local}, Dialect::arm, nullptr})
      .post("/_azemu/time", "AzemuAdvanceTime", [&clock](http::Request& req) {
        auto body = req.json_body();
        auto seconds = body.value("advanceSeconds", std::int64_t{0});
        if (seconds < 0)
          throw AzureError(ErrorKind::BadRequest, "InvalidRequestContent", "advanceSeconds must be >= 0");
        clock.advance(std::chrono::seconds(seconds));
        return http::Reply::ok({{"now", clock.now_iso()}});
      });
}

}  // namespace azemu::app
