// Wire mapping for the organization resource; see organization_model.hpp.
#include "fake-aad/graph/organization/organization_model.hpp"

#include "emulator/exec/clock.hpp"

namespace azemu::aad {

nlohmann::json organization_to_json(const Tenant& t) {
  auto empty = nlohmann::json::array();
  return {{"id", t.id},
          {"deletedDateTime", nullptr},
          {"businessPhones", empty},
          {"city", nullptr},
          {"country", nullptr},
          {"countryLetterCode", "US"},
          {"createdDateTime", exec::iso8601(t.created)},
          {"displayName", t.display_name},
          {"marketingNotificationEmails", empty},
          {"onPremisesSyncEnabled", nullptr},
          {"preferredLanguage", "en"},
          {"securityComplianceNotificationMails", empty},
          {"securityComplianceNotificationPhones", empty},
          {"technicalNotificationMails", empty},
          {"tenantType", "AAD"},
          {"assignedPlans", empty},
          {"provisionedPlans", empty},
          {"verifiedDomains",
           {{{"capabilities", "Email, OfficeCommunicationsOnline"},
             {"isDefault", true},
             {"isInitial", true},
             {"name", t.default_domain},
             {"type", "Managed"}}}}};
}

}  // namespace azemu::aad
