// File: directory_form.cc
#include "web/directory/directory_form.h"

#include <algorithm>
#include <charconv>

#include "base/date.h"
#include "base/pence.h"
#include "base/text.h"
#include "domain/people/postcode.h"
#include "web/http/message.h"

namespace selfdirect::web {
namespace {

using Form = std::multimap<std::string, std::string>;

std::string Value(const Form& form, const std::string& name) {
  return std::string(Trim(FormValue(form, name)));
}

}  // namespace

int DirectoryFormRows(const Form& form, const std::string& kind) {
  int rows = 0;
  const std::string prefix = kind + "-";
  for (auto it = form.lower_bound(prefix); it != form.end() && it->first.starts_with(prefix);
       ++it) {
    const std::string_view rest = std::string_view(it->first).substr(prefix.size());
    int n = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec != std::errc() || end == rest.data() || n < 0 || n >= kDirectoryFormMaxRows) continue;
    rows = std::max(rows, n + 1);
  }
  return rows;
}

namespace {

// The stored item with `id`, or a new one.
template <typename T>
T Existing(const std::vector<T>& items, const std::string& id) {
  for (const auto& i : items)
    if (!id.empty() && i.id == id) return i;
  return T{};
}

std::optional<int> Age(const std::string& text, const std::string& field,
                       std::vector<FieldError>& errors) {
  if (text.empty()) return std::nullopt;
  int age = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), age);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() > 3) {
    errors.push_back({field, "Enter the age as a whole number of years, like 18"});
    return std::nullopt;
  }
  return age;
}

// "9:30", "09:30", "9.30", "14:00" to minutes after midnight.
std::optional<int> Time(std::string text, const std::string& field, const std::string& what,
                        std::vector<FieldError>& errors) {
  if (text.empty()) return std::nullopt;
  std::replace(text.begin(), text.end(), '.', ':');
  if (text.size() == 4 && text[1] == ':') text = "0" + text;
  auto t = domain::ParseClockTime(text);
  if (!t || text.size() != 5) {
    errors.push_back({field, "Enter the " + what + " on the 24-hour clock, like 09:30 or 14:00"});
    return std::nullopt;
  }
  return t;
}

bool LooksLikeEmail(const std::string& s) {
  const size_t at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() &&
         s.find('.', at) != std::string::npos && s.find(' ') == std::string::npos &&
         s.find('@', at + 1) == std::string::npos;
}

bool LooksLikeWebAddress(const std::string& s) {
  return (s.starts_with("https://") || s.starts_with("http://")) &&
         s.find(' ') == std::string::npos && s.find('.') != std::string::npos;
}

// The index and the rest of "kind[3].rest": {3, "rest"}; nullopt for another shape.
std::optional<std::pair<size_t, std::string>> Indexed(const std::string& field,
                                                      const std::string& kind) {
  if (!field.starts_with(kind + "[")) return std::nullopt;
  const size_t close = field.find(']', kind.size());
  if (close == std::string::npos) return std::nullopt;
  size_t index = 0;
  const char* from = field.data() + kind.size() + 1;
  auto [end, ec] = std::from_chars(from, field.data() + close, index);
  if (ec != std::errc() || end != field.data() + close) return std::nullopt;
  std::string rest = field.substr(close + 1);
  if (rest.starts_with(".")) rest.erase(0, 1);
  return std::pair{index, rest};
}

}  // namespace

DirectoryFormInput ReadDirectoryForm(const Form& form, const domain::DirectoryService& stored,
                                     const std::function<std::string()>& new_id) {
  DirectoryFormInput in;
  domain::DirectoryService& s = in.service;
  s = stored;
  auto& errors = in.errors;
  s.name = Value(form, "name");
  s.description = Value(form, "description");
  s.url = Value(form, "url");
  if (!s.url.empty() && !LooksLikeWebAddress(s.url))
    errors.push_back({"url", "Enter the website address in full, like https://example.org"});
  s.email = Value(form, "email");
  if (!s.email.empty() && !LooksLikeEmail(s.email))
    errors.push_back({"email", "Enter an email address like name@example.org"});
  if (auto status = domain::ParseServiceStatus(Value(form, "status")))
    s.status = *status;
  else
    errors.push_back({"status", "Choose whether the service is running"});
  s.organization.name = Value(form, "organization_name");
  s.organization.url = Value(form, "organization_url");
  if (!s.organization.url.empty() && !LooksLikeWebAddress(s.organization.url)) {
    errors.push_back(
        {"organization_url", "Enter the website address in full, like https://example.org"});
  }
  s.minimum_age = Age(Value(form, "minimum_age"), "minimum_age", errors);
  s.maximum_age = Age(Value(form, "maximum_age"), "maximum_age", errors);
  s.term_ids.clear();
  for (const auto& t : FormValues(form, "terms")) {
    if (std::find(s.term_ids.begin(), s.term_ids.end(), t) == s.term_ids.end())
      s.term_ids.push_back(t);
  }

  s.schedules.clear();
  for (int row = 0, n = DirectoryFormRows(form, "session"); row < n; ++row) {
    const std::string at = "session-" + std::to_string(row) + "-";
    std::vector<std::string> days = FormValues(form, at + "days");
    const std::string opens = Value(form, at + "opens"), closes = Value(form, at + "closes"),
                      description = Value(form, at + "description");
    if (days.empty() && opens.empty() && closes.empty() && description.empty()) continue;
    domain::DirectorySchedule sc = Existing(stored.schedules, Value(form, at + "id"));
    if (sc.id.empty()) sc.id = new_id();
    sc.freq = Value(form, at + "freq") == "MONTHLY" ? "MONTHLY" : "WEEKLY";
    sc.days.clear();
    for (const auto& d : days) {
      if (auto day = domain::ParseDay(d)) {
        if (std::find(sc.days.begin(), sc.days.end(), *day) == sc.days.end())
          sc.days.push_back(*day);
      }
    }
    std::sort(sc.days.begin(), sc.days.end());
    sc.opens_at = Time(opens, at + "opens", "opening time", errors);
    sc.closes_at = Time(closes, at + "closes", "closing time", errors);
    sc.description = description;
    s.schedules.push_back(std::move(sc));
    in.session_rows.push_back(row);
  }

  s.costs.clear();
  for (int row = 0, n = DirectoryFormRows(form, "cost"); row < n; ++row) {
    const std::string at = "cost-" + std::to_string(row) + "-";
    const std::string option = Value(form, at + "option"),
                      description = Value(form, at + "description");
    std::string amount = Value(form, at + "amount");
    if (option.empty() && amount.empty() && description.empty()) continue;
    domain::DirectoryCost c = Existing(stored.costs, Value(form, at + "id"));
    if (c.id.empty()) c.id = new_id();
    c.option = option;
    c.amount_description = description;
    c.amount.reset();
    if (amount.starts_with("£")) amount.erase(0, std::string_view("£").size());
    if (!amount.empty()) {
      auto p = Pence::Parse(amount);
      if (p.ok() && p->pence() >= 0)
        c.amount = *p;
      else
        errors.push_back({at + "amount", "Enter the amount in pounds, like 3.50, or 0 if free"});
    }
    s.costs.push_back(std::move(c));
    in.cost_rows.push_back(row);
  }

  s.locations.clear();
  for (int row = 0, n = DirectoryFormRows(form, "place"); row < n; ++row) {
    const std::string at = "place-" + std::to_string(row) + "-";
    const std::string name = Value(form, at + "name"), address = Value(form, at + "address"),
                      town = Value(form, at + "town"), postcode = Value(form, at + "postcode"),
                      accessibility = Value(form, at + "accessibility");
    if (name.empty() && address.empty() && town.empty() && postcode.empty() &&
        accessibility.empty())
      continue;
    domain::DirectoryLocation l;
    const std::string link = Value(form, at + "link");
    for (const auto& existing : stored.locations)
      if (!link.empty() && existing.service_at_location_id == link) l = existing;
    if (l.service_at_location_id.empty()) {
      l.id = new_id();
      l.service_at_location_id = new_id();
    }
    l.name = name;
    l.address_1 = address;
    l.city = town;
    l.accessibility = accessibility;
    l.postcode.clear();
    if (!postcode.empty()) {
      if (auto p = domain::NormalisePostcode(postcode); p.ok())
        l.postcode = *p;
      else
        errors.push_back({at + "postcode", "Enter a full UK postcode, like HR6 8AA"});
    }
    s.locations.push_back(std::move(l));
    in.place_rows.push_back(row);
  }

  s.contacts.clear();
  for (int row = 0, n = DirectoryFormRows(form, "contact"); row < n; ++row) {
    const std::string at = "contact-" + std::to_string(row) + "-";
    const std::string name = Value(form, at + "name"), title = Value(form, at + "title"),
                      phone = Value(form, at + "phone"), note = Value(form, at + "phone_note");
    if (name.empty() && title.empty() && phone.empty() && note.empty()) continue;
    domain::DirectoryContact c = Existing(stored.contacts, Value(form, at + "id"));
    if (c.id.empty()) c.id = new_id();
    c.name = name;
    c.title = title;
    // The form shows the first number; further ones (from a feed) are kept as they are.
    if (phone.empty() && note.empty()) {
      if (!c.phones.empty()) c.phones.erase(c.phones.begin());
    } else {
      if (c.phones.empty()) c.phones.insert(c.phones.begin(), {new_id(), "", ""});
      c.phones.front().number = phone;
      c.phones.front().description = note;
    }
    s.contacts.push_back(std::move(c));
    in.contact_rows.push_back(row);
  }

  s.service_areas.clear();
  for (int row = 0, n = DirectoryFormRows(form, "area"); row < n; ++row) {
    const std::string at = "area-" + std::to_string(row) + "-";
    const std::string name = Value(form, at + "name");
    if (name.empty()) continue;
    domain::DirectoryServiceArea a = Existing(stored.service_areas, Value(form, at + "id"));
    if (a.id.empty()) a.id = new_id();
    a.name = name;
    s.service_areas.push_back(std::move(a));
    in.area_rows.push_back(row);
  }

  in.review_parts = {Value(form, "review_due-day"), Value(form, "review_due-month"),
                     Value(form, "review_due-year")};
  in.review_due = IsoDateFromParts(in.review_parts);
  if (!in.review_due.empty() && !Date::Parse(in.review_due).ok()) {
    errors.push_back({"review_due", "Enter a real date for the next check, like 1 5 2027"});
    in.review_due.clear();
  }
  return in;
}

Form DirectoryFormValues(const domain::DirectoryService& s, const std::string& review_due) {
  Form f;
  auto put = [&](const std::string& k, const std::string& v) { f.emplace(k, v); };
  put("name", s.name);
  put("description", s.description);
  put("status", std::string(domain::ServiceStatusCode(s.status)));
  put("url", s.url);
  put("email", s.email);
  put("organization_name", s.organization.name);
  put("organization_url", s.organization.url);
  put("minimum_age", s.minimum_age ? std::to_string(*s.minimum_age) : "");
  put("maximum_age", s.maximum_age ? std::to_string(*s.maximum_age) : "");
  for (const auto& t : s.term_ids) put("terms", t);
  auto row = [](const char* kind, size_t n) {
    return std::string(kind) + "-" + std::to_string(n) + "-";
  };
  for (size_t i = 0; i < s.schedules.size(); ++i) {
    const auto& sc = s.schedules[i];
    const std::string at = row("session", i);
    put(at + "id", sc.id);
    put(at + "freq", sc.freq);
    for (int d : sc.days) put(at + "days", std::string(domain::kDayCodes[d]));
    put(at + "opens", sc.opens_at ? domain::ClockTimeText(*sc.opens_at) : "");
    put(at + "closes", sc.closes_at ? domain::ClockTimeText(*sc.closes_at) : "");
    put(at + "description", sc.description);
  }
  put(row("session", s.schedules.size()) + "id", "");
  for (size_t i = 0; i < s.costs.size(); ++i) {
    const auto& c = s.costs[i];
    const std::string at = row("cost", i);
    put(at + "id", c.id);
    put(at + "option", c.option);
    put(at + "amount", c.amount ? c.amount->ToString() : "");
    put(at + "description", c.amount_description);
  }
  put(row("cost", s.costs.size()) + "id", "");
  for (size_t i = 0; i < s.locations.size(); ++i) {
    const auto& l = s.locations[i];
    const std::string at = row("place", i);
    put(at + "id", l.id);
    put(at + "link", l.service_at_location_id);
    put(at + "name", l.name);
    put(at + "address", l.address_1);
    put(at + "town", l.city);
    put(at + "postcode", l.postcode);
    put(at + "accessibility", l.accessibility);
  }
  put(row("place", s.locations.size()) + "id", "");
  for (size_t i = 0; i < s.contacts.size(); ++i) {
    const auto& c = s.contacts[i];
    const std::string at = row("contact", i);
    put(at + "id", c.id);
    put(at + "name", c.name);
    put(at + "title", c.title);
    put(at + "phone", c.phones.empty() ? "" : c.phones.front().number);
    put(at + "phone_note", c.phones.empty() ? "" : c.phones.front().description);
  }
  put(row("contact", s.contacts.size()) + "id", "");
  for (size_t i = 0; i < s.service_areas.size(); ++i) {
    const std::string at = row("area", i);
    put(at + "id", s.service_areas[i].id);
    put(at + "name", s.service_areas[i].name);
  }
  put(row("area", s.service_areas.size()) + "id", "");
  if (auto d = Date::Parse(review_due); d.ok()) {
    put("review_due-day", std::to_string(d->day()));
    put("review_due-month", std::to_string(d->month()));
    put("review_due-year", std::to_string(d->year()));
  }
  return f;
}

std::string DirectoryFormField(const std::string& hsds_field, const DirectoryFormInput& in) {
  static const std::map<std::string, std::string> kSame = {
      {"id", "name"},
      {"name", "name"},
      {"description", "description"},
      {"status", "status"},
      {"url", "url"},
      {"email", "email"},
      {"minimum_age", "minimum_age"},
      {"maximum_age", "maximum_age"},
      {"review_due", "review_due"},
      {"organization.website", "organization_url"}};
  if (auto it = kSame.find(hsds_field); it != kSame.end()) return it->second;
  if (hsds_field.starts_with("organization")) return "organization_name";
  if (hsds_field.starts_with("attributes")) return "terms";
  struct Kind {
    const char* hsds;
    const char* form;
    const std::vector<int>* rows;
    const char* first;  // The row's field for anything else.
    std::vector<std::pair<std::string, std::string>> fields;
  };
  const Kind kinds[] = {
      {"schedules",
       "session",
       &in.session_rows,
       "days",
       {{"opens_at", "opens"}, {"closes_at", "closes"}, {"freq", "days"}, {"byday", "days"}}},
      {"cost_options", "cost", &in.cost_rows, "option", {{"amount", "amount"}}},
      {"service_at_locations",
       "place",
       &in.place_rows,
       "name",
       {{"location.addresses[0].postal_code", "postcode"}}},
      {"contacts", "contact", &in.contact_rows, "name", {{"phones[0].number", "phone"}}},
      {"service_areas", "area", &in.area_rows, "name", {}}};
  for (const auto& k : kinds) {
    if (!hsds_field.starts_with(k.hsds)) continue;
    int row = k.rows->empty() ? 0 : k.rows->front();
    std::string rest;
    if (auto indexed = Indexed(hsds_field, k.hsds)) {
      if (indexed->first < k.rows->size()) row = (*k.rows)[indexed->first];
      rest = indexed->second;
    }
    std::string field = k.first;
    for (const auto& [from, to] : k.fields)
      if (rest == from) field = to;
    return std::string(k.form) + "-" + std::to_string(row) + "-" + field;
  }
  return "name";
}

std::string DirectoryFormLabel(const std::string& field) {
  static const std::map<std::string, std::string> kLabels = {
      {"name", "Name"},
      {"description", "Description"},
      {"status", "Status"},
      {"url", "Website"},
      {"email", "Email"},
      {"organization_name", "Organisation"},
      {"organization_url", "Organisation's website"},
      {"minimum_age", "Youngest age"},
      {"maximum_age", "Oldest age"},
      {"terms", "Kind of support"},
      {"review_due", "Next check"},
      {"days", "Days"},
      {"opens", "Opening time"},
      {"closes", "Closing time"},
      {"option", "What the cost is for"},
      {"amount", "Amount"},
      {"postcode", "Postcode"},
      {"phone", "Telephone"}};
  std::string key = field;
  // "session-2-closes" -> "closes".
  if (size_t dash = field.rfind('-');
      dash != std::string::npos && std::count(field.begin(), field.end(), '-') == 2)
    key = field.substr(dash + 1);
  auto it = kLabels.find(key);
  return it == kLabels.end() ? "" : it->second;
}

}  // namespace selfdirect::web
