// The demo directory: entries for the demo area's towns from readable templates.

#include <algorithm>

#include "app/directory/directory_service.h"
#include "base/embedded_file.h"
#include "domain/people/postcode.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& DirectoryData();
const std::vector<EmbeddedFile>& DemoPostcodes();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace json = boost::json;
// helpers.

std::string_view DemoPostcodesCsv() {
  for (const auto& f : embedded::DemoPostcodes()) return f.content;
  return {};
}

namespace {

std::string ReplaceTown(std::string s, const std::string& town) {
  for (size_t at = s.find("{town}"); at != std::string::npos; at = s.find("{town}", at)) {
    s.replace(at, 6, town);
  }
  return s;
}

// "Age UK Wyvern" as "age-uk-wyvern".
std::string Slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// FNV-1a: the demo's figures vary by name, the same on every run.
uint64_t DemoHash(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

// One demo town: its name, postcode district and place in the list.
struct DemoTown {
  std::string name;
  std::string district;
  size_t index = 0;
};

std::string TemplateText(const json::object& t, std::string_view key) {
  return std::string(t.at(key).as_string());
}

domain::DirectorySchedule DemoSchedule(const json::object& t, const std::string& service_id,
                                       const DemoTown& town) {
  domain::DirectorySchedule sch;
  sch.id = LinkUuid(service_id, "schedule");
  sch.freq = TemplateText(t, "freq");
  const auto& days = t.at("days").as_array();
  for (const auto& d : days) {
    int day = *domain::ParseDay(d.as_string());
    // One-day weekday sessions fall on different days in different towns.
    if (days.size() == 1 && day < 5)
      day = static_cast<int>((static_cast<size_t>(day) + town.index) % 5);
    sch.days.push_back(day);
  }
  sch.opens_at = domain::ParseClockTime(t.at("opens").as_string());
  sch.closes_at = domain::ParseClockTime(t.at("closes").as_string());
  sch.description = sch.freq == "MONTHLY" ? "Once a month" : "Every week";
  return sch;
}

// Ofcom reserves 01632 960000 to 960999 for drama: never a real line.
domain::DirectoryContact DemoContact(const std::string& service_id, uint64_t h) {
  domain::DirectoryContact contact;
  contact.id = LinkUuid(service_id, "contact");
  contact.name = "Enquiries";
  contact.phones.push_back({LinkUuid(contact.id, "phone"),
                            "01632 960" + std::to_string(100 + h % 900),
                            h % 2 ? "Weekdays, 9am to 5pm" : "Answerphone: we call back"});
  return contact;
}

// Services that come to people say so; the rest serve their town.
domain::DirectoryServiceArea DemoServiceArea(const json::object& t, const std::string& service_id,
                                             const DemoTown& town) {
  const std::string kind = TemplateText(t, "term");
  const bool visits = kind == "Personal assistants" || kind == "Home care agencies" ||
                      kind == "Short breaks and respite" || kind == "Transport" ||
                      kind == "Befriending";
  return {LinkUuid(service_id, "service-area"),
          visits ? "People's homes in and around " + town.name
                 : town.name + " and the villages around it",
          ""};
}

domain::DirectoryLocation DemoLocation(const json::object& t, const std::string& service_id,
                                       const DemoTown& town) {
  constexpr std::string_view kUnits = "ABDEFGHJLNPQRSTUWXYZ";  // As demo-area.csv's.
  const std::string venue = TemplateText(t, "venue");
  const uint64_t vh = DemoHash(town.name + venue);
  domain::DirectoryLocation l;
  // A location's accessibility is the venue's, so a venue described two ways is two locations
  // (the profile's CSV files give each location one accessibility row).
  l.id = LinkUuid("demo-location", town.name + venue + TemplateText(t, "accessibility"));
  l.service_at_location_id = LinkUuid(service_id, l.id);
  l.name = town.name + " " + venue;
  l.address_1 = std::to_string(1 + vh % 60) + " " +
                (vh % 3 == 0   ? "High Street"
                 : vh % 3 == 1 ? "Church Street"
                               : "Station Road");
  l.city = town.name;
  l.postcode =
      town.district + " " + std::to_string(1 + vh % 4) + "A" + kUnits[(vh / 4) % kUnits.size()];
  l.accessibility = TemplateText(t, "accessibility");
  return l;
}

// The service and organisation a template makes in a town.
void DemoServiceFields(const json::object& t, const DemoTown& town, domain::DirectoryService& s) {
  s.name = ReplaceTown(TemplateText(t, "name"), town.name);
  s.id = LinkUuid("demo-service", s.name);
  s.organization.name = ReplaceTown(TemplateText(t, "organisation"), town.name);
  s.organization.id = LinkUuid("demo-organisation", s.organization.name);
  s.organization.description = s.organization.name + ", in the Wyvern Vale.";
  s.organization.url = "https://" + Slug(s.organization.name) + ".example.org";
  s.description = ReplaceTown(TemplateText(t, "description"), town.name);
  s.url = s.organization.url;
  s.email = "enquiries@" + Slug(s.organization.name) + ".example.org";
  s.status = DemoHash(s.name) % 40 == 7 ? domain::ServiceStatus::kTemporarilyClosed
                                        : domain::ServiceStatus::kActive;
  if (t.at("minimum_age").is_int64())
    s.minimum_age = static_cast<int>(t.at("minimum_age").as_int64());
  if (t.at("maximum_age").is_int64())
    s.maximum_age = static_cast<int>(t.at("maximum_age").as_int64());
}

// One demo service and its review date: last changed up to 300 days before `now`; most are due
// for review a year after they changed, about one in twelve is overdue.
Result<std::pair<domain::DirectoryService, std::string>> DemoService(
    const json::object& t, const DemoTown& town,
    const std::map<std::string, std::string>& term_by_name, Timestamp now) {
  domain::DirectoryService s;
  DemoServiceFields(t, town, s);
  const uint64_t h = DemoHash(s.name);
  auto term = term_by_name.find(TemplateText(t, "term"));
  if (term == term_by_name.end()) return Error::Internal("demo-services.json: unknown term");
  s.term_ids = {term->second};
  s.schedules.push_back(DemoSchedule(t, s.id, town));
  if (t.at("cost").is_object()) {
    const auto& c = t.at("cost").as_object();
    s.costs.push_back({LinkUuid(s.id, "cost"), TemplateText(c, "option"),
                       Pence::FromPence(c.at("pence").as_int64()), TemplateText(c, "description")});
  }
  s.contacts.push_back(DemoContact(s.id, h));
  s.service_areas.push_back(DemoServiceArea(t, s.id, town));
  s.locations.push_back(DemoLocation(t, s.id, town));
  const int64_t age_days = static_cast<int64_t>(h % 300);
  s.last_modified = Timestamp::FromMicros(now.micros() - age_days * 86'400'000'000LL);
  const int64_t review_after = h % 12 == 5 ? age_days - 14 : 365;
  std::string due = s.last_modified.LondonDate().AddDays(review_after).ToString();
  return std::pair{std::move(s), std::move(due)};
}

}  // namespace

Result<std::vector<std::pair<domain::DirectoryService, std::string>>> DemoDirectoryServices(
    const Taxonomy& taxonomy, Timestamp now) {
  std::string_view text;
  for (const auto& f : embedded::DirectoryData()) {
    if (f.path == "demo-services.json") text = f.content;
  }
  json::error_code ec;
  json::value data = json::parse(text, ec);
  if (ec) return Error::Internal("demo-services.json is not JSON");
  std::map<std::string, std::string> term_by_name;
  for (const auto& t : taxonomy.terms) term_by_name[t.name] = t.id;
  std::vector<std::pair<domain::DirectoryService, std::string>> out;
  const auto& towns = data.at("towns").as_array();
  const auto& templates = data.at("templates").as_array();
  for (size_t ti = 0; ti < towns.size(); ++ti) {
    const DemoTown town{std::string(towns[ti].at("name").as_string()),
                        std::string(towns[ti].at("postcode_district").as_string()), ti};
    for (const auto& tv : templates) {
      SD_ASSIGN_OR_RETURN(auto service, DemoService(tv.as_object(), town, term_by_name, now));
      out.push_back(std::move(service));
    }
  }
  return out;
}

}  // namespace selfdirect::app
