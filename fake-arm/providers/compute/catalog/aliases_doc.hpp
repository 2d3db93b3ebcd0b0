// The VM image alias document (`az vm image list` without --all, `az vm create --image Ubuntu2204`).
// az downloads it from the cloud's `vmImageAliasDoc` endpoint: in proxy mode
// https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/arm-compute/quickstart-templates/aliases.json
// (host kind alias_doc), in cloud mode https://management.<base>/azemu/aliases.json (azemu env). Without
// it az falls back to its bundled copy but prints a warning on every call.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

#include <string>

namespace azemu::arm::compute {

/// The document: the aliases.json az 2.74 bundles (azure/cli/command_modules/vm/_alias.py), every
/// image it names present in the image catalog.
const std::string& vm_image_aliases_json();

/// GET handler: the document as GitHub's raw host serves it (text/plain).
http::Reply get_vm_image_aliases(http::Request& req);

}  // namespace azemu::arm::compute
