// Composition root (see services.hpp). Wiring order: data dir → identity seed → store + every
// service's migrations and seed rows → ports → router (every mount()) → pipeline → TLS → server.
#include "emulator/app/services.hpp"

#include "emulator/app/admin_routes.hpp"
#include "emulator/app/data_dir.hpp"
#include "emulator/app/idle_memory_trim.hpp"
#include "emulator/app/control_routes.hpp"
#include "emulator/app/vm_disks_view.hpp"
#include "emulator/app/vm_runtime_factory.hpp"
#include "emulator/auth/jwt.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/error/azure_error.hpp"
#include "emulator/exec/executors.hpp"
#include "emulator/exec/jobs.hpp"
#include "emulator/http/pipeline.hpp"
#include "emulator/http/router.hpp"
#include "emulator/http/server.hpp"
#include "emulator/log/log.hpp"
#include "emulator/seed/seed_client.hpp"
#include "emulator/seed/seed_document.hpp"
#include "emulator/snapshot/snapshots.hpp"
#include "emulator/store/clear_tables.hpp"
#include "emulator/store/database.hpp"
#include "emulator/tls/local_ca.hpp"
#include "emulator/tls/server_tls.hpp"
#include "emulator/ui/live_feed.hpp"
#include "emulator/ui/ui_routes.hpp"
#include "fake-aad/teaching/directory_view.hpp"
#include "fake-arm/teaching/teaching_view.hpp"
#include "fake-keyvault/teaching/objects_view.hpp"
#include "fake-aad/mount.hpp"
#include "fake-arm/mount.hpp"
#include "fake-keyvault/common/vault_objects_port.hpp"
#include "fake-keyvault/mount.hpp"
#include "fake-keyvault/platform/platform_key_vault.hpp"
#include "vm-sim/disk/disk_images_port.hpp"
#include "vm-sim/uml/uml_runtime.hpp"
#include "emulator/audit/audit_log.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace azemu::app {

namespace {
std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all = aad::migrations();
  for (auto& m : arm::migrations()) all.push_back(std::move(m));
  for (auto& m : kv::migrations()) all.push_back(std::move(m));
  for (auto& m : audit::migrations()) all.push_back(std::move(m));
  return all;
}

/// The teaching UI's sources: each service's read-only view (services own their SQL).
ui::UiSources ui_sources(store::Database& db, ports::VmRuntime& runtime, audit::AuditLog& audit,
                         const arm::compute::DiskEncryptionReporter& disks, const std::string& data_dir,
                         const std::string& seeded_client_id) {
  ui::UiSources s;
  s.cloud = [&db] { return arm::teaching::cloud(db); };
  s.vms = [&db, &runtime] { return arm::teaching::vms(db, runtime); };
  s.vaults = [&db] { return arm::teaching::vaults(db); };
  s.vault_objects = [&db] { return kv::teaching::objects(db); };
  s.directory = [&db] { return aad::teaching::directory(db); };
  s.role_assignments = [&db] { return arm::teaching::role_assignments(db); };
  s.vm_disks = [&disks](const std::string& name, const std::string& group) {
    return arm::compute::to_json(disks.report({name, group, ""}));
  };
  s.audit = [&audit](const std::string& vault, std::size_t top) {
    nlohmann::json rows = nlohmann::json::array();
    if (vault == "" && top == 1) {  // the live feed's fingerprint: counts, not rows
      for (const auto& [k, n] : audit.counts()) rows.push_back({k.first, k.second, n});
      return rows;
    }
    for (const auto& e : audit.list(vault, top)) rows.push_back(audit::to_json(e));
    return rows;
  };
  s.runtime = &runtime;
  s.data_dir = data_dir;
  s.seeded_client_id = seeded_client_id;
  return s;
}

/// The UI's exposure: azemu listens on something other than loopback (then the UI needs the admin token).
ui::UiOptions ui_options(const Config& c) {
  ui::UiOptions o;
  o.console_input = c.ui_console;
  o.lab_file = !c.lab_file.empty();
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(c.listen_host(), ec);
  o.exposed = ec ? c.listen_host() != "localhost" : !address.is_loopback();
  o.admin_token = c.admin_token;
  return o;
}

ui::Checklist load_checklist(const std::string& file) {
  if (file.empty()) return ui::default_checklist();
  std::ifstream in(file);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) throw std::runtime_error("--lab " + file + ": not JSON");
  return ui::parse_checklist(j);
}

/// Everything a running azemu holds, in construction order (destroyed in reverse).
struct Services {
  DataDir dir;
  ports::Seed seed;
  exec::SystemClock clock;
  cloud::HostNames names;
  auth::SigningKey signing_key;
  std::string master_key;
  store::Envelope sealing;  // the master key as ARM uses it (Key Vault builds its own from master_key)
  store::Database db;
  std::unique_ptr<ports::Directory> directory;
  std::unique_ptr<ports::Vaults> vaults;
  // Before `jobs`: VM jobs call it until the pool is joined.
  std::unique_ptr<ports::VmRuntime> vm_runtime;
  audit::AuditLog audit;
  std::unique_ptr<ports::DiskImages> disk_images;      // LUKS headers of disk files (admin view)
  arm::compute::DiskEncryptionReporter disk_report;    // GET /_azemu/vms/{name}/disks
  auth::TokenVerifier verifier;
  http::Router router;
  http::RequestMetrics metrics;
  http::FaultRules faults{&clock};
  http::VaultThrottle vault_throttle{clock};  // used only with --kv-throttling azure
  // failLro plans: the pipeline hands it operation ids, fake-arm's polling routes and deployments act on them.
  arm::OperationFaults lro_faults{db, clock, [this](std::string_view op, const auth::Principal& caller) {
                                    return faults.match_lro(op, caller);
                                  }};
  // After the router: destroyed (joined) first, so no job outlives the services it uses.
  exec::PoolJobs jobs{2};
  aad::AadDeps aad_deps;
  kv::KvDeps kv_deps;
  kv::DataPlane kv_plane;  // Key Vault's services (one key cache): its routes and the platform's calls share them
  std::unique_ptr<ports::PlatformKeyVault> platform_kv;
  std::unique_ptr<ports::VaultObjects> vault_objects;  // keys and secrets, for ARM's role assignment scopes
  arm::ArmDeps arm_deps;
  http::Pipeline pipeline;
  snapshot::Snapshots snapshots;
  ControlDeps control;
  ui::UiModel ui_model;  // /ui/ and /_azemu/lab (emulator/ui/)
  ui::LiveFeed ui_feed;

  /// `azemu reset`: guests and disk images removed, every table emptied (the directory's kept when
  /// asked), the seeded identities written again — same ids and secrets, so a logged-in az keeps
  /// working — and fault rules dropped. Work still running on `jobs` may fail; that is the point.
  nlohmann::json reset(bool keep_identities) {
    auto started = std::chrono::steady_clock::now();
    std::size_t vms = arm::forget_all_machines(db, *vm_runtime);
    std::size_t tables = store::clear_tables(db, 
        [keep_identities](const std::string& table) { return keep_identities && table.rfind("aad_", 0) == 0; });
    aad::seed(db, seed);
    arm::seed(db, seed);
    faults.remove("");
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    log::write(log::Level::info, "reset", {{"vms", vms}, {"tables", tables}, {"ms", ms}});
    return {{"vmsRemoved", vms}, {"tablesCleared", tables}, {"identitiesKept", keep_identities}, {"milliseconds", ms}};
  }

  /// `azemu seed` / `start --seed` / POST /_azemu/seed: the whole document is checked before the
  /// first write (seed_document.hpp); directory objects and subscriptions keep the file's fixed ids,
  /// the rest goes through the REST APIs as the bootstrap principal (seed_client.hpp).
  nlohmann::json apply_seed(const std::string& text) {
    auto started = std::chrono::steady_clock::now();
    nlohmann::json doc = seed::parse_seed_document(text, seed);
    nlohmann::json applied = aad::apply_directory_seed(db, seed, doc);
    applied.update(arm::apply_subscription_seed(db, seed, doc));
    applied.update(seed::SeedClient(pipeline, seed).apply(doc));
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    log::write(log::Level::info, "seed applied", {{"applied", applied}, {"ms", ms}});
    return {{"applied", applied}, {"milliseconds", ms}};
  }

  explicit Services(const Config& c)
      : dir(c.data_dir_abs()),
        seed(dir.load_or_create_seed(c.identities)),
        names(c.cloud_base),
        signing_key(auth::SigningKey::load_or_create(dir.signing_key_path())),
        master_key(dir.load_or_create_master_key()),
        sealing(master_key),
        db(dir.db_path(), all_migrations()),
        directory((aad::seed(db, seed), arm::seed(db, seed), aad::make_directory(db))),
        vaults(arm::make_vaults(db)),
        // `faults` is built after this member, but only asked once a VM boots (never during construction).
        vm_runtime(arm::with_guest_faults(make_vm_runtime(c, dir.path()),
                                          [this](ports::GuestEvent e, std::string_view vm, std::string_view ext) {
                                            return faults.match_guest(e, vm, ext);
                                          })),
        audit(db),
        disk_images(vm::disk::make_disk_images()),
        disk_report(db, *vm_runtime, *disk_images, audit),
        verifier(signing_key, [this](std::string_view tid) { return directory->tenant_exists(tid); }),
        aad_deps{db, clock, signing_key, names},
        kv_deps{db, clock, names, *vaults, *directory, audit, master_key},
        kv_plane(kv_deps),
        platform_kv(kv::make_platform_key_vault(kv_plane)),
        vault_objects(kv::make_vault_objects(db)),
        arm_deps{db, clock, names, *directory, audit, jobs, *vm_runtime, *platform_kv, sealing, *vault_objects, &lro_faults},
        pipeline(router, verifier, clock, names),
        snapshots(dir.path(), snapshot::data_dir_id(master_key), db, clock,
                  {[this] { return arm::stop_running_guests(db, *vm_runtime); },
                   [this](bool after_restore) {
                     if (after_restore) arm::recover_interrupted_work(db, clock);
                     return arm::resume_vms(arm_deps);
                   }}),
        control{clock, faults, metrics, audit, dir.ca_path(), [this] { return arm::prometheus_gauges(db); },
                [this] { return nlohmann::json{{"dataDir", dir.path()}, {"requestsServed", metrics.total()}}; },
                [this](bool keep_identities) { return reset(keep_identities); },
                [this](const std::string& text) { return apply_seed(text); }, snapshots},
        ui_model(ui_sources(db, *vm_runtime, audit, disk_report, dir.path(), seed.client_id), load_checklist(c.lab_file),
                 ui_options(c)),
        ui_feed(ui_model) {
    aad::mount(router, aad_deps);
    arm::mount(router, arm_deps);
    kv::mount(router, kv_plane);
    mount_admin(router, audit, disk_report);
    mount_control_routes(router, control);  // always on since issue 14; --test-controls is kept as a no-op
    ui::mount(router, ui_model);
    pipeline.observe(metrics);
    pipeline.inject(faults);
    pipeline.fail_lros(lro_faults);
    pipeline.require_admin_token(c.admin_token);
    if (c.kv_throttling == "azure") pipeline.throttle_vaults(vault_throttle);
  }
};

unsigned default_threads(unsigned configured, unsigned minimum) {
  if (configured) return configured;
  unsigned n = std::thread::hardware_concurrency();
  return std::max(n ? n : 1u, minimum);
}
}  // namespace

int run_server(const Config& config) {
  auto started = std::chrono::steady_clock::now();
  log::set_level(log::parse_level(config.log_level));
  log::set_access(config.access_log);
  if (!config.log_file.empty())
    log::set_file(config.log_file, std::size_t{config.log_max_mb} * 1024 * 1024, config.log_keep);
  Services s(config);
  auto ca = tls::LocalCa::load_or_create(s.dir.path());
  tls::write_ca_bundle(s.dir.path(), ca);

  exec::Executors exec(default_threads(config.io_threads, 1), default_threads(config.blocking_threads, 2));
  // The audit log's group writer runs on the blocking pool while it exists; before and after, on the caller.
  s.audit.set_scheduler([&exec](std::function<void()> job) { boost::asio::post(exec.blocking(), std::move(job)); });
  struct UnsetScheduler {
    audit::AuditLog& log;
    ~UnsetScheduler() { log.set_scheduler({}); }
  } unset_scheduler{s.audit};
  tls::ServerTls tls(ca);
  http::Server server(exec, tls, s.pipeline, s.names);
  server.serve_events(s.ui_feed);
  s.ui_feed.start(exec);
  // Before the port opens: nothing a client polls may stay InProgress with no worker behind it.
  if (std::size_t n = arm::recover_interrupted_work(s.db, s.clock))
    log::write(log::Level::warn, "ended operations interrupted by the last stop", {{"count", n}});
  if (!config.seed_file.empty()) {
    std::ifstream in(config.seed_file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    try {
      s.apply_seed(text.str());
    } catch (const AzureError& e) {
      std::fprintf(stderr, "azemu: --seed %s: %s: %s\n", config.seed_file.c_str(), e.code().c_str(), e.what());
      return 1;
    }
  }
  auto endpoint = server.listen(config.listen_host(), config.listen_port());
  // Names under *.localhost resolve to ::1 first: serve the IPv6 loopback on the same port too.
  if (endpoint.address().is_loopback() && endpoint.address().is_v4()) {
    try {
      server.listen("::1", endpoint.port());
    } catch (const std::exception& e) {
      log::write(log::Level::debug, "no IPv6 loopback listener", {{"error", e.what()}});
    }
  }
  server.start();
  IdleMemoryTrim trim(exec, [&server] { return server.activity(); });
  trim.start();

  boost::asio::signal_set signals(exec.io(), SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    log::write(log::Level::info, "shutting down", {{"signal", signo}});
    server.stop([&] { exec.stop(); });
  });

  auto ms = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count() / 1000.0;
  std::string host = endpoint.address().to_string();
  if (endpoint.address().is_v6()) host = "[" + host + "]";
  std::printf("azemu ready on %s:%u (https + proxy) data-dir=%s tenant=%s subscription=%s startup_ms=%.1f\n",
              host.c_str(), endpoint.port(), s.dir.path().c_str(), s.seed.tenant_id.c_str(),
              s.seed.subscription_id.c_str(), ms);
  std::fflush(stdout);
  // After "ready": guests boot on s.jobs while requests are already served.
  if (std::size_t n = arm::resume_vms(s.arm_deps))
    log::write(log::Level::info, "starting VMs that were running before the restart", {{"count", n}});
  exec.run();
  s.ui_feed.stop();  // its timer belongs to exec's io context, which goes before `s`
  log::info("stopped");
  return 0;
}

std::string route_table(const Config& config) {
  Services s(config);
  return s.router.table();
}

int print_audit(const Config& config, const std::string& vault, bool json) {
  DataDir dir(config.data_dir_abs());
  store::Database db(dir.db_path(), all_migrations());
  audit::AuditLog log(db);
  std::fputs(format_audit(log.list(vault), json).c_str(), stdout);
  return 0;
}

int print_vm_disks(const Config& config, const arm::compute::VmDisksQuery& query, bool json) {
  DataDir dir(config.data_dir_abs());
  store::Database db(dir.db_path(), all_migrations());  // WAL: reading beside a running azemu is fine
  audit::AuditLog log(db);
  // Only disk_file() is asked: <data-dir>/disks/<disk_file_name>, which the uml and qemu runtimes
  // share (a guestless server has no files there). Nothing is booted or networked.
  vm::UmlOptions options;
  options.data_dir = dir.path();
  options.network = false;
  vm::UmlRuntime files(std::move(options));
  auto images = vm::disk::make_disk_images();
  auto report = arm::compute::DiskEncryptionReporter(db, files, *images, log).report(query);
  std::fputs(json ? (arm::compute::to_json(report).dump(2) + "\n").c_str() : format_vm_disks(report).c_str(), stdout);
  return 0;
}

int snapshot_offline(const Config& config, const std::string& action, const std::string& name) {
  DataDir dir(config.data_dir_abs());
  store::Database db(dir.db_path(), all_migrations());
  exec::SystemClock clock;
  snapshot::Snapshots snapshots(dir.path(), snapshot::data_dir_id(dir.load_or_create_master_key()), db, clock, {});
  nlohmann::json out;
  if (action == "save") out = snapshots.save(name);
  else if (action == "restore") out = snapshots.restore(name);
  else if (action == "delete") snapshots.remove(name);
  else out = snapshots.list();
  if (!out.is_null()) std::printf("%s\n", out.dump().c_str());
  return 0;
}

int seed_offline(const Config& config, const std::string& seed_text) {
  Services s(config);
  std::printf("%s\n", s.apply_seed(seed_text).dump().c_str());
  return 0;
}

int approve_device_code(const Config& config, const std::string& code, const std::string& user) {
  DataDir dir(config.data_dir_abs());
  store::Database db(dir.db_path(), all_migrations());
  exec::SystemClock clock;
  if (!aad::approve_device_code(db, clock, code, user)) {
    std::fprintf(stderr, "azemu: no pending device code '%s' (unknown, expired or already used)\n", code.c_str());
    return 1;
  }
  std::printf("approved device code %s%s%s\n", code.c_str(), user.empty() ? "" : " for ", user.c_str());
  return 0;
}

}  // namespace azemu::app
