// File: directory_text.h
// How the directory's pages put an entry into words: day names, a session's days and times, a
// cost, who it is for, and a description cut short for a list of results.
#pragma once

#include <string>
#include <string_view>

#include "app/directory/directory_service.h"
#include "domain/directory/directory.h"

namespace selfdirect::web {

// Day names, Monday first, as domain::kDayCodes has their codes.
inline constexpr std::string_view kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                 "Friday", "Saturday", "Sunday"};

// "Tuesdays and Thursdays, 10:00 to 12:00"; "Once a month, on Fridays"; else its description.
std::string SessionText(const domain::DirectorySchedule& s);
// "Free", "Free (donations welcome)", or "£3.50 per session (lunch)".
std::string CostText(const domain::DirectoryCost& c);
// What a service costs, as a list of results shows it: "Free", or its first cost.
std::string PriceText(const domain::DirectoryService& s);
// "People aged 18 and over", "People aged up to 25", ..., or "Anyone".
std::string AgesText(const domain::DirectoryService& s);
// `text` as it is when short, else cut at a word before 160 characters, with "...".
std::string Summary(const std::string& text);
// The catalogue item a plan line for a service of this kind (its taxonomy term's name) uses
// (data/planning/catalogue.json); empty when a plan does not pay for it (advice, for example).
std::string CatalogueItemFor(const std::string& term_name);
// The name of the service's first taxonomy term, or "".
std::string FirstTermName(const domain::DirectoryService& s, const app::Taxonomy& t);

}  // namespace selfdirect::web
