// Routes of the teaching UI, on the local host (http://127.0.0.1:PORT/ui/ over plain HTTP, and
// https://localhost:PORT/ui/): the static files, the JSON the pages read (/ui/api/...), the event
// stream (/ui/events) and the lab checklist for graders (GET /_azemu/lab). Everything is GET except
// typing into a serial console, which answers 403 unless azemu started with --ui-console.
//   GET  /ui, /ui/{*path}                    index.html and the assets (hash-routed pages)
//   GET  /ui/api/config                      options (console input allowed, lab source)
//   GET  /ui/api/state                       cloud, vms, keyvault, identity (ui_model.hpp)
//   GET  /ui/api/lab, /_azemu/lab            the checklist evaluated now
//   GET  /ui/api/audit?vault=&top=           Key Vault audit rows, newest first
//   GET  /ui/api/vms/{name}/keychain         the key chain (key_chain.hpp)
//   GET  /ui/api/vms/{name}/guest            crypttab, fstab, dm-crypt mounts from the guest
//   GET  /ui/api/vms/{name}/console?offset=  the serial console log from offset
//   POST /ui/api/vms/{name}/console          {input} typed into the console (--ui-console)
//   GET  /ui/events                          server-sent events (live_feed.hpp)
#pragma once

#include "emulator/http/router.hpp"
#include "emulator/ui/ui_model.hpp"

namespace azemu::ui {

void mount(http::Router& router, const UiModel& model);

}  // namespace azemu::ui
