// File: dashboard_filters.h
// The team and client group filters the dashboards share (spending, money): the options of
// their selects, with the chosen one selected.
#pragma once

#include <optional>
#include <string>

#include "app/repositories.h"
#include "web/pages/view.h"

namespace selfdirect::web {

// "All teams" and the council's teams; none when the teams cannot be read (the figures still
// show without the filter).
ViewList TeamFilterOptions(app::Store& store, CouncilId council, std::optional<TeamId> chosen);

// "All client groups" and each primary support reason.
ViewList ClientGroupFilterOptions(const std::string& chosen);

}  // namespace selfdirect::web
