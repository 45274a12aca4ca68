// File: hsds_csv.cc
#include "app/directory/hsds_csv.h"

#include <functional>
#include <optional>
#include <utility>

#include "base/csv.h"

namespace selfdirect::app {
namespace json = boost::json;
namespace {

// One file's rows, cells found by column name.
struct Table {
  std::string file;
  std::map<std::string, size_t> columns;
  std::vector<CsvRecord> rows;  // Without the header.

  std::string Get(const CsvRecord& r, const std::string& column) const {
    auto it = columns.find(column);
    if (it == columns.end() || it->second >= r.cells.size()) return "";
    return r.cells[it->second];
  }
};

class Writer {
 public:
  explicit Writer(std::vector<std::string> columns) : columns_(std::move(columns)) {
    Row(columns_);
  }
  void Row(const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + CsvCell(cells[i]);
    text_ += line + "\r\n";
  }
  std::string Take() { return std::move(text_); }

 private:
  std::vector<std::string> columns_;
  std::string text_;
};

// A number cell as a JSON number when it is one, else as text for the reader to refuse by name.
json::value NumberOrText(const std::string& text) {
  json::error_code ec;
  json::value v = json::parse(text, ec);
  if (!ec && v.is_number()) return v;
  return json::value(text);
}

void PutText(json::object& o, const char* key, const std::string& v) {
  if (!v.empty()) o[key] = v;
}

}  // namespace

std::map<std::string, std::string> HsdsCsvFiles(
    const std::vector<domain::DirectoryService>& services, const Taxonomy& taxonomy) {
  Writer organizations(
      {"id", "name", "description", "email", "website", "logo", "uri", "parent_organization_id"});
  Writer rows({"id", "organization_id", "name", "description", "url", "email", "status", "fees",
               "accreditations", "minimum_age", "maximum_age", "assured_date", "assurer_email",
               "alert", "last_modified"});
  Writer locations({"id", "location_type", "name", "description", "latitude", "longitude",
                    "external_identifier", "external_identifier_type"});
  Writer addresses({"id", "location_id", "attention", "address_1", "city", "region",
                    "state_province", "postal_code", "country", "address_type"});
  Writer accessibility({"id", "location_id", "description", "details", "url", "accessibility"});
  Writer places({"id", "service_id", "location_id"});
  Writer schedules({"id", "service_id", "service_at_location_id", "valid_from", "valid_to",
                    "dtstart", "freq", "interval", "byday", "bymonthday", "description", "opens_at",
                    "closes_at", "schedule_link", "attending_type", "notes"});
  Writer costs(
      {"id", "service_id", "valid_from", "valid_to", "option", "amount", "amount_description"});
  Writer contacts({"id", "service_id", "name", "title"});
  Writer phones({"id", "contact_id", "number", "description"});
  Writer areas({"id", "service_id", "name", "extent", "extent_type", "uri", "service_area"});
  Writer attributes({"id", "link_id", "taxonomy_term_id", "link_type"});
  std::map<std::string, bool> organizations_written, locations_written;
  auto age = [](const std::optional<int>& a) { return a ? std::to_string(*a) : std::string(); };
  for (const auto& s : services) {
    const auto& o = s.organization;
    if (!organizations_written[o.id]) {
      organizations_written[o.id] = true;
      organizations.Row({o.id, o.name, o.description, o.email, o.url, "", "", ""});
    }
    rows.Row({s.id, o.id, s.name, s.description, s.url, s.email,
              std::string(domain::ServiceStatusCode(s.status)), "", "", age(s.minimum_age),
              age(s.maximum_age), "", "", "", s.last_modified.ToString()});
    for (const auto& l : s.locations) {
      places.Row({l.service_at_location_id, s.id, l.id});
      if (locations_written[l.id]) continue;
      locations_written[l.id] = true;
      locations.Row({l.id, "physical", l.name, "", "", "", "", ""});
      addresses.Row({LinkUuid(l.id, "address"), l.id, "", l.address_1, l.city, "", "", l.postcode,
                     "GB", "physical"});
      if (!l.accessibility.empty()) {
        accessibility.Row({LinkUuid(l.id, "accessibility"), l.id, l.accessibility, "", "", ""});
      }
    }
    for (const auto& sc : s.schedules) {
      std::string byday;
      for (int d : sc.days) byday += (byday.empty() ? "" : ",") + std::string(domain::kDayCodes[d]);
      schedules.Row({sc.id, s.id, "", "", "", "", sc.freq, "1", byday, "", sc.description,
                     sc.opens_at ? domain::ClockTimeText(*sc.opens_at) + ":00" : "",
                     sc.closes_at ? domain::ClockTimeText(*sc.closes_at) + ":00" : "", "", "", ""});
    }
    for (const auto& c : s.costs) {
      costs.Row({c.id, s.id, "", "", c.option, c.amount ? c.amount->ToString() : "",
                 c.amount_description});
    }
    for (const auto& c : s.contacts) {
      contacts.Row({c.id, s.id, c.name, c.title});
      for (const auto& p : c.phones) phones.Row({p.id, c.id, p.number, p.description});
    }
    for (const auto& a : s.service_areas) areas.Row({a.id, s.id, a.name, "", "", a.uri, a.name});
    for (const auto& t : s.term_ids) attributes.Row({LinkUuid(s.id, t), s.id, t, "service"});
  }
  Writer taxonomies({"id", "name", "description", "uri", "version"});
  taxonomies.Row(
      {taxonomy.id, taxonomy.name, taxonomy.description, taxonomy.uri, taxonomy.version});
  Writer terms(
      {"id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri", "term"});
  for (const auto& t : taxonomy.terms) {
    terms.Row({t.id, t.name, t.description, t.parent_id, taxonomy.name, taxonomy.id, "", t.name});
  }
  return {{"organizations.csv", organizations.Take()}, {"services.csv", rows.Take()},
          {"locations.csv", locations.Take()},         {"address.csv", addresses.Take()},
          {"accessibility.csv", accessibility.Take()}, {"service_at_location.csv", places.Take()},
          {"schedule.csv", schedules.Take()},          {"cost_options.csv", costs.Take()},
          {"contacts.csv", contacts.Take()},           {"phones.csv", phones.Take()},
          {"service_areas.csv", areas.Take()},         {"attribute.csv", attributes.Take()},
          {"taxonomies.csv", taxonomies.Take()},       {"taxonomy_terms.csv", terms.Take()}};
}

CsvFeed FeedFromHsdsCsv(const std::map<std::string, std::string>& files) {
  CsvFeed out;
  auto problem = [&](const std::string& file, int64_t row, const std::string& id,
                     const std::string& field, const std::string& message) {
    out.problems.push_back({file, row, id, {field, message}});
  };
  // Reads a table; `needed` columns must be in its header.
  auto read = [&](const std::string& file, bool required,
                  const std::vector<std::string>& needed) -> std::optional<Table> {
    auto it = files.find(file);
    if (it == files.end()) {
      if (required) problem(file, 0, "", "file", "is required");
      return std::nullopt;
    }
    std::vector<CsvRecord> records;
    int64_t bad = 0;
    if (!ParseCsv(it->second, records, bad)) {
      problem(file, bad, "", "row", "has a quote that is not closed properly");
      return std::nullopt;
    }
    Table t{file, {}, {}};
    if (records.empty()) {
      problem(file, 1, "", "header", "is missing");
      return std::nullopt;
    }
    for (size_t i = 0; i < records[0].cells.size(); ++i) t.columns[records[0].cells[i]] = i;
    for (const auto& c : needed) {
      if (!t.columns.count(c)) problem(file, 1, "", c, "column is missing from the header");
    }
    t.rows.assign(records.begin() + 1, records.end());
    return t;
  };
  const auto organizations = read("organizations.csv", true, {"id", "name"});
  const auto services = read("services.csv", true, {"id", "organization_id", "name", "status"});
  const auto locations = read("locations.csv", false, {"id"});
  const auto addresses = read("address.csv", false, {"location_id"});
  const auto accessibility = read("accessibility.csv", false, {"location_id"});
  const auto places = read("service_at_location.csv", false, {"id", "service_id", "location_id"});
  const auto schedules = read("schedule.csv", false, {"id", "service_id"});
  const auto costs = read("cost_options.csv", false, {"id", "service_id"});
  const auto contacts = read("contacts.csv", false, {"id", "service_id"});
  const auto phones = read("phones.csv", false, {"id", "contact_id", "number"});
  const auto areas = read("service_areas.csv", false, {"id", "service_id"});
  const auto attributes = read("attribute.csv", false, {"link_id", "taxonomy_term_id"});
  if (!out.problems.empty() || !organizations || !services) return out;

  std::map<std::string, json::object> orgs;
  for (const auto& r : organizations->rows) {
    json::object o{{"id", organizations->Get(r, "id")}, {"name", organizations->Get(r, "name")}};
    PutText(o, "description", organizations->Get(r, "description"));
    PutText(o, "email", organizations->Get(r, "email"));
    PutText(o, "website", organizations->Get(r, "website"));
    orgs[organizations->Get(r, "id")] = std::move(o);
  }
  std::map<std::string, json::object> locs;
  if (locations) {
    for (const auto& r : locations->rows) {
      json::object l{{"id", locations->Get(r, "id")}, {"location_type", "physical"}};
      PutText(l, "name", locations->Get(r, "name"));
      PutText(l, "description", locations->Get(r, "description"));
      locs[locations->Get(r, "id")] = std::move(l);
    }
  }
  // Children of locations: an address and accessibility each (the first one found).
  auto attach = [&](const std::optional<Table>& t, const char* key,
                    const std::vector<const char*>& fields) {
    if (!t) return;
    for (const auto& r : t->rows) {
      const std::string location_id = t->Get(r, "location_id");
      auto it = locs.find(location_id);
      if (it == locs.end()) {
        problem(t->file, r.line, t->Get(r, "id"), "location_id", "is not in locations.csv");
        continue;
      }
      json::object child;
      for (const char* f : fields) PutText(child, f, t->Get(r, f));
      auto& list = it->second[key];
      if (!list.is_array()) list = json::array{};
      list.as_array().push_back(std::move(child));
    }
  };
  attach(addresses, "addresses", {"id", "address_1", "city", "postal_code", "country"});
  attach(accessibility, "accessibility", {"id", "description"});

  // Services, then everything that hangs from one by service_id.
  std::map<std::string, size_t> service_index;
  for (const auto& r : services->rows) {
    const std::string id = services->Get(r, "id");
    json::object s{
        {"id", id}, {"name", services->Get(r, "name")}, {"status", services->Get(r, "status")}};
    for (const char* f : {"description", "url", "email", "last_modified"}) {
      PutText(s, f, services->Get(r, f));
    }
    for (const char* f : {"minimum_age", "maximum_age"}) {
      if (std::string v = services->Get(r, f); !v.empty()) s[f] = NumberOrText(v);
    }
    const std::string org = services->Get(r, "organization_id");
    if (auto it = orgs.find(org); it != orgs.end()) {
      s["organization"] = it->second;
    } else {
      problem(services->file, r.line, id, "organization_id", "is not in organizations.csv");
    }
    for (const char* list : {"schedules", "cost_options", "contacts", "service_at_locations",
                             "service_areas", "attributes"}) {
      s[list] = json::array{};
    }
    if (!service_index.emplace(id, out.services.size()).second) {
      problem(services->file, r.line, id, "id", "is in services.csv twice");
      continue;
    }
    out.services.push_back(std::move(s));
    out.service_rows.push_back(r.line);
  }
  // Adds the row's object to its service's `list`; a row whose service is not in services.csv is
  // a problem.
  auto add = [&](const std::optional<Table>& t, const char* service_column, const char* list,
                 const std::function<json::object(const Table&, const CsvRecord&)>& make) {
    if (!t) return;
    for (const auto& r : t->rows) {
      const std::string service_id = t->Get(r, service_column);
      auto it = service_index.find(service_id);
      if (it == service_index.end()) {
        problem(t->file, r.line, t->Get(r, "id"), service_column, "is not in services.csv");
        continue;
      }
      out.services[it->second].as_object()[list].as_array().push_back(make(*t, r));
    }
  };
  auto copy = [](std::vector<const char*> fields) {
    return [fields = std::move(fields)](const Table& t, const CsvRecord& r) {
      json::object o;
      for (const char* f : fields) PutText(o, f, t.Get(r, f));
      return o;
    };
  };
  add(schedules, "service_id", "schedules",
      copy({"id", "freq", "byday", "opens_at", "closes_at", "description"}));
  add(costs, "service_id", "cost_options", [](const Table& t, const CsvRecord& r) {
    json::object o;
    for (const char* f : {"id", "option", "amount_description"}) PutText(o, f, t.Get(r, f));
    if (std::string a = t.Get(r, "amount"); !a.empty()) o["amount"] = NumberOrText(a);
    return o;
  });
  add(contacts, "service_id", "contacts", copy({"id", "name", "title"}));
  if (phones) {
    // Phones hang from contacts, which now sit in their services.
    std::map<std::string, json::object*> contact_by_id;
    for (auto& sv : out.services) {
      for (auto& c : sv.as_object()["contacts"].as_array()) {
        json::object& co = c.as_object();
        if (const json::value* id = co.if_contains("id"); id && id->is_string())
          contact_by_id[std::string(id->get_string())] = &co;
      }
    }
    for (const auto& r : phones->rows) {
      auto it = contact_by_id.find(phones->Get(r, "contact_id"));
      if (it == contact_by_id.end()) {
        problem(phones->file, r.line, phones->Get(r, "id"), "contact_id", "is not in contacts.csv");
        continue;
      }
      json::object phone;
      for (const char* f : {"id", "number", "description"}) PutText(phone, f, phones->Get(r, f));
      auto& list = (*it->second)["phones"];
      if (!list.is_array()) list = json::array{};
      list.as_array().push_back(std::move(phone));
    }
  }
  add(areas, "service_id", "service_areas", copy({"id", "name", "uri", "service_area"}));
  add(places, "service_id", "service_at_locations", [&](const Table& t, const CsvRecord& r) {
    json::object o{{"id", t.Get(r, "id")}};
    const std::string location_id = t.Get(r, "location_id");
    if (auto it = locs.find(location_id); it != locs.end()) {
      o["location"] = it->second;
    } else {
      problem(t.file, r.line, t.Get(r, "id"), "location_id", "is not in locations.csv");
    }
    return o;
  });
  if (attributes) {
    // Attributes link terms to many kinds of thing; only services' are kept.
    Table services_only = *attributes;
    services_only.rows.clear();
    for (const auto& r : attributes->rows) {
      const std::string type = attributes->Get(r, "link_type");
      if (type.empty() || type == "service") services_only.rows.push_back(r);
    }
    add(services_only, "link_id", "attributes", copy({"id", "taxonomy_term_id"}));
  }
  return out;
}

}  // namespace selfdirect::app
