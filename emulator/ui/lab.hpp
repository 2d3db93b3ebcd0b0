// Lab mode (`azemu start --lab FILE`): a checklist evaluated live against the cloud's state, shown
// on the UI's lab page and served as JSON at GET /_azemu/lab for graders. A checklist is JSON:
//   {"title": "...", "steps": [{"id": "vault", "title": "...", "check": "vaultForDiskEncryption",
//                               "hint": "...", <check arguments>}]}
// Checks (arguments in brackets; names compare case-insensitively; absent = any):
//   providerRegistered [namespace]   groupExists [group]   vaultForDiskEncryption [vault]
//   keyCreated [vault, key]          servicePrincipalWithPolicy [vault]   vmWithDataDisk [vm]
//   encryptionEnabled [vm]           restarted [vm]        encrypted [vm]
// Without --lab FILE the default checklist is the doc's steps (WORKFLOW.md). Evaluation is a pure
// function over the UI's state snapshot (ui_model.hpp), so a grader sees what the page shows.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace azemu::ui {

struct LabStep {
  std::string id;
  std::string title;
  std::string check;
  std::string hint;       // shown while the step is not done
  nlohmann::json args = nlohmann::json::object();
};

struct Checklist {
  std::string title;
  std::vector<LabStep> steps;
};

/// The doc's steps: provider registered, vault enabled for disk encryption, key created, SP with a
/// policy, VM with a data disk, encryption enabled, restart, Encrypted.
Checklist default_checklist();
/// Parses a checklist file's JSON; throws std::runtime_error naming the problem (unknown check,
/// missing id or title).
Checklist parse_checklist(const nlohmann::json& j);

/// `state`: {cloud, vms, keyvault, identity} as ui_model builds it; `seeded_client_id`: the app id
/// of azemu's bootstrap service principal (not the student's). Returns {title, steps:[{id, title,
/// done, detail, hint}], done, total, allDone}; `hint` is non-empty only for a step not done, and
/// says what is wrong when the step was attempted wrongly (e.g. a vault not enabled for disk
/// encryption).
nlohmann::json evaluate(const Checklist& list, const nlohmann::json& state, const std::string& seeded_client_id);

/// {"os": "...", "data": "..."} of the VM's ADE extension substatus (empty strings when none).
std::pair<std::string, std::string> ade_volume_states(const nlohmann::json& vm);

}  // namespace azemu::ui
