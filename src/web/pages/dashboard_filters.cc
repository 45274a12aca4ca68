#include "web/pages/dashboard_filters.h"

#include "domain/people/person.h"

namespace selfdirect::web {
namespace {

ViewData FilterOption(const std::string& value, const std::string& label, bool selected) {
  ViewData o;
  o.set("value", value);
  o.set("label", label);
  o.set("selected", selected);
  return o;
}

}  // namespace

ViewList TeamFilterOptions(app::Store& store, CouncilId council, std::optional<TeamId> chosen) {
  ViewList teams;
  teams.push_back(FilterOption("", "All teams", !chosen));
  Status listed = store.Read(council, [&](app::Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto list, tx.teams().List());
    for (const auto& t : list)
      teams.push_back(FilterOption(t.id.ToString(), t.name, chosen && *chosen == t.id));
    return OkStatus();
  });
  return listed.ok() ? teams : ViewList{};
}

ViewList ClientGroupFilterOptions(const std::string& chosen) {
  ViewList groups;
  groups.push_back(FilterOption("", "All client groups", chosen.empty()));
  for (auto r : domain::kAllPrimarySupportReasons) {
    const std::string name(domain::PrimarySupportReasonName(r));
    groups.push_back(
        FilterOption(name, std::string(domain::PrimarySupportReasonLabel(r)), chosen == name));
  }
  return groups;
}

}  // namespace selfdirect::web
